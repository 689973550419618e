// Routing by channel weight and priority over REST: the admin channel routes set a channel's weight and
// priority (refusing bad values without storing anything), widget sessions are routed by weight and
// start at their channel's priority, and staff who work the group change a session's priority.
#include <doctest/doctest.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {

std::string start_widget(const Running& desk, const std::string& channel, const std::string& name) {
  Api visitor(desk.server.port());
  const Reply started = visitor.post("/widget/v1/" + channel + "/sessions", json{{"name", name}});
  REQUIRE_MESSAGE(started.status == 201, started.describe());
  return started.body["chat"].get<std::string>();
}

json channel_row(const Running& desk, const std::string& id) {
  const Reply list = desk.admin.get("/api/v1/channels");
  for (const json& c : list.body["channels"])
    if (c["id"] == id) return c;
  return nullptr;
}

}  // namespace

TEST_CASE("channel weights and priorities route widget sessions; staff change a session's priority") {
  Running desk;
  REQUIRE(desk.admin.set_clock("2026-01-05T09:00:00Z").status == 200);
  REQUIRE(desk.admin.post("/api/v1/groups", json{{"id", "sales"}, {"name", "Sales"},
                                                 {"settings", {{"routing", "auto"}, {"max_load", 2000}}}})
              .status == 201);
  for (const auto& [id, role] : {std::pair{"ann", "operator"}, std::pair{"rex", "reader"}})
    REQUIRE(desk.admin.post("/api/v1/agents", json{{"id", id}, {"name", id}, {"groups", {"sales"}}, {"roles", {role}}})
                .status == 201);
  const json site{{"id", "site"}, {"kind", "widget"}, {"name", "Website"}, {"group", "sales"}, {"origins", {"*"}},
                  {"priority", "high"}};
  REQUIRE(desk.admin.post("/api/v1/channels", site).status == 201);
  const json mail{{"id", "mail"}, {"kind", "widget"}, {"name", "Mail"}, {"group", "sales"}, {"origins", {"*"}},
                  {"weight", 500}};
  const Reply created = desk.admin.post("/api/v1/channels", mail);
  REQUIRE_MESSAGE(created.status == 201, created.describe());
  CHECK(created.body["weight"] == 500);
  CHECK(created.body["priority"] == "normal");

  // Refused without storing the record: a weight out of range, an unknown priority, a weight of the wrong type.
  for (const json& bad : {json{{"weight", 0}}, json{{"priority", "asap"}}, json{{"weight", "heavy"}}}) {
    json body{{"id", "bad"}, {"kind", "widget"}, {"group", "sales"}};
    body.update(bad);
    const Reply refused = desk.admin.post("/api/v1/channels", body);
    CHECK_MESSAGE(refused.status == 400, refused.describe());
    CHECK(channel_row(desk, "bad").is_null());
  }
  CHECK(channel_row(desk, "site")["priority"] == "high");
  CHECK(channel_row(desk, "site")["weight"] == 1000);
  // Changing only the priority keeps the weight.
  REQUIRE(desk.admin.put("/api/v1/channels/mail", json{{"kind", "widget"}, {"name", "Mail"}, {"group", "sales"},
                                                        {"origins", {"*"}}, {"priority", "low"}})
              .status == 200);
  CHECK(channel_row(desk, "mail")["weight"] == 500);
  CHECK(channel_row(desk, "mail")["priority"] == "low");

  Api ann = desk.user("ann", {"operator"}, "ann");
  Api rex = desk.user("rex", {"reader"}, "rex");
  REQUIRE(ann.put("/api/v1/agents/ann/status", json{{"status", "online"}}).status == 200);
  const std::string a = start_widget(desk, "site", "Ava");  // 1000
  const std::string b = start_widget(desk, "mail", "Ben");  // 500: 1500
  const std::string c = start_widget(desk, "site", "Cid");  // 1000 more would be 2500: waits
  const std::string d = start_widget(desk, "mail", "Dee");  // 500 fits: 2000
  const auto chat = [&](const std::string& id) { return ann.get("/api/v1/chats/" + id).body; };
  CHECK(chat(a)["assignee"] == "ann");
  CHECK(chat(a)["priority"] == "high");
  CHECK(chat(b)["assignee"] == "ann");
  CHECK(chat(b)["priority"] == "low");
  CHECK(chat(c)["state"] == "queued");
  CHECK(chat(d)["assignee"] == "ann");

  const Reply raised = ann.post("/api/v1/chats/" + c + "/priority", json{{"priority", "urgent"}});
  CHECK_MESSAGE(raised.status == 200, raised.describe());
  CHECK(chat(c)["priority"] == "urgent");
  CHECK(rex.post("/api/v1/chats/" + c + "/priority", json{{"priority", "low"}}).status == 403);
  CHECK(ann.post("/api/v1/chats/" + c + "/priority", json{{"priority", "asap"}}).code() == "bad_command");
  CHECK(ann.post("/api/v1/chats/" + c + "/priority", json::object()).code() == "bad_command");
  CHECK(chat(c)["priority"] == "urgent");
}
