// SLA policies over REST: admins create, replace and delete them; a used policy stays; others may
// only read them; bad input is refused and changes nothing.
#include <doctest/doctest.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"group.create","group":"support","name":"Support","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"sue","name":"Sue Kim","groups":["sales"],"roles":["supervisor"]}
{"type":"agent.create","agent":"rita","name":"Rita Roe","groups":["sales"],"roles":["reader"]}
{"type":"agent.create","agent":"zed","name":"Zed Zo","groups":["support"],"roles":["operator"]}
)";

}  // namespace

TEST_CASE("SLA policies: create, list with their groups, replace, refuse deleting a used one, delete") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  RoleLogins logins(desk);
  const json gold{{"id", "gold"}, {"name", "Gold"}, {"first_response_min", 5}, {"resolution_min", 60}};
  const Reply created = desk.admin.post("/api/v1/sla_policies", gold);
  REQUIRE_MESSAGE(created.status == 201, created.describe());
  CHECK(created.body["events"][0]["type"] == "sla_policy.saved");
  CHECK(desk.admin.post("/api/v1/sla_policies", gold).code() == "already_exists");
  CHECK(logins.sue.post("/api/v1/sla_policies", json{{"id", "x"}}).status == 403);
  CHECK(desk.admin.post("/api/v1/sla_policies", json{{"id", "x"}, {"next_response_min", -5}}).code() == "bad_command");
  CHECK(desk.admin.post("/api/v1/sla_policies", json{{"id", "a/b"}}).code() == "bad_command");

  const Reply used = desk.admin.put("/api/v1/groups/sales", json{{"settings", {{"routing", "auto"}, {"sla_policy", "gold"}}}});
  REQUIRE_MESSAGE(used.status == 200, used.describe());
  CHECK(desk.admin.put("/api/v1/groups/support", json{{"settings", {{"sla_policy", "none"}}}}).code() == "unknown_policy");
  const Reply list = logins.ann.get("/api/v1/sla_policies");
  REQUIRE_MESSAGE(list.status == 200, list.describe());
  REQUIRE(list.body["sla_policies"].size() == 1);
  CHECK(list.body["sla_policies"][0]["groups"] == json::array({"sales"}));
  CHECK(list.body["sla_policies"][0]["resolution_min"] == 60);

  const Reply replaced = desk.admin.put("/api/v1/sla_policies/gold", json{{"name", "Gold"}, {"first_response_min", 3}});
  REQUIRE_MESSAGE(replaced.status == 200, replaced.describe());
  const Reply after = desk.admin.get("/api/v1/sla_policies");
  CHECK(after.body["sla_policies"][0]["first_response_min"] == 3);
  CHECK(after.body["sla_policies"][0]["resolution_min"] == 0);  // a PUT replaces every field

  const Reply in_use = desk.admin.remove("/api/v1/sla_policies/gold");
  CHECK(in_use.status == 409);
  CHECK(in_use.code() == "bad_state");
  CHECK(desk.admin.remove("/api/v1/sla_policies/none").code() == "unknown_policy");
  CHECK(logins.zed.remove("/api/v1/sla_policies/gold").status == 403);
  REQUIRE(desk.admin.put("/api/v1/groups/sales", json{{"settings", {{"routing", "auto"}}}}).status == 200);
  CHECK(desk.admin.remove("/api/v1/sla_policies/gold").status == 200);
  CHECK(desk.admin.get("/api/v1/sla_policies").body["sla_policies"].empty());
}
