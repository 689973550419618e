// A login's own settings: GET/PUT /api/v1/me/settings keep one JSON object per login, survive a
// restart, are not shared between logins, refuse what is not an object, and go with a deleted login.
#include <doctest/doctest.h>
#include <httplib.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"accept"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"bo","name":"Bo Ng","groups":["sales"],"roles":["operator"]}
)";

}  // namespace

TEST_CASE("each login keeps its own settings object, across a restart") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api bo = desk.user("bo", {"operator"}, "bo");
  const Reply empty = ann.get("/api/v1/me/settings");
  REQUIRE(empty.status == 200);
  CHECK(empty.body == json::object());

  const json chosen{{"attention", {{"sound", false}, {"volume", 35}, {"repeat_seconds", 60}}}};
  const Reply put = ann.put("/api/v1/me/settings", chosen);
  REQUIRE(put.status == 200);
  CHECK(put.body == chosen);
  CHECK(ann.get("/api/v1/me/settings").body == chosen);
  CHECK(bo.get("/api/v1/me/settings").body == json::object());

  // Replaced whole.
  const json again{{"attention", {{"sound", true}}}};
  REQUIRE(ann.put("/api/v1/me/settings", again).status == 200);
  CHECK(ann.get("/api/v1/me/settings").body == again);

  desk.restart();
  Api again_ann(desk.server.port());
  REQUIRE(again_ann.sign_in("ann", "ann-password"));
  CHECK(again_ann.get("/api/v1/me/settings").body == again);
}

TEST_CASE("bad settings are refused and change nothing; no token, no settings") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  const json kept{{"attention", {{"volume", 10}}}};
  REQUIRE(ann.put("/api/v1/me/settings", kept).status == 200);
  CHECK(ann.put("/api/v1/me/settings", json::array({1, 2})).status == 400);
  CHECK(ann.post_raw("/api/v1/me/settings", "{\"attention\":").status != 200);
  const Reply big = ann.put("/api/v1/me/settings", json{{"note", std::string(5000, 'x')}});
  CHECK(big.status == 413);
  CHECK(ann.get("/api/v1/me/settings").body == kept);
  Api nobody(desk.server.port());
  CHECK(nobody.get("/api/v1/me/settings").status == 401);
  CHECK(nobody.put("/api/v1/me/settings", kept).status == 401);
}

TEST_CASE("deleting a login deletes its settings") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  {
    Api ann = desk.user("ann", {"operator"}, "ann");
    REQUIRE(ann.put("/api/v1/me/settings", json{{"attention", {{"notify", false}}}}).status == 200);
  }
  httplib::Client client("127.0.0.1", desk.server.port());
  const auto res = client.Delete("/api/v1/users/ann", httplib::Headers{{"Authorization", "Bearer " + desk.admin.token()}});
  REQUIRE(res);
  REQUIRE(res->status == 204);
  Api ann = desk.user("ann", {"operator"}, "ann");
  CHECK(ann.get("/api/v1/me/settings").body == json::object());
}
