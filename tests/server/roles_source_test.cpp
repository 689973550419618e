// One source of roles and the lifecycle of logins, agents, groups and channels: a login bound to an
// agent acts with the agent's roles (PUT /agents changes what it may do), logins are edited and
// deleted (tokens revoked), and disabled agents, groups and channels refuse what the issue says.
#include <doctest/doctest.h>
#include <httplib.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"accept"}}
{"type":"group.create","group":"support","name":"Support","settings":{"routing":"accept"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"zed","name":"Zed Zo","groups":["support"],"roles":["operator"]}
{"type":"agent.set_status","agent":"zed","status":"online"}
)";

json roles_of(const Reply& me) { return me.body["roles"]; }

int http_delete(const Running& desk, const std::string& path, const std::string& token) {
  httplib::Client client("127.0.0.1", desk.server.port());
  const auto res = client.Delete(path, httplib::Headers{{"Authorization", "Bearer " + token}});
  return res ? res->status : 0;
}

json agent_body(const char* roles_json, bool disabled) {
  json body{{"name", "Ann Lee"}, {"groups", {"sales"}}, {"roles", json::parse(roles_json)}};
  if (disabled) body["disabled"] = true;
  return body;
}

}  // namespace

TEST_CASE("a login bound to an agent acts with the agent's roles, not its own") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  // The login claims supervisor; its agent is an operator: it is an operator.
  Api ann = desk.user("ann", {"supervisor"}, "ann");
  CHECK(roles_of(ann.get("/api/v1/me")) == json{"operator"});
  CHECK(ann.get("/api/v1/agents/ann/sessions", {{"view", "active"}}).status == 403);
  const Reply listed = desk.admin.get("/api/v1/users");
  bool found = false;
  for (const json& u : listed.body["users"])
    if (u["login"] == "ann") {
      found = true;
      CHECK(u["roles"] == json{"operator"});
      CHECK(u["roles_from"] == "agent");
    }
  CHECK(found);
  // Promoting the agent promotes the login at once, with the same token.
  REQUIRE(desk.admin.put("/api/v1/agents/ann", agent_body(R"(["operator","supervisor"])", false)).status == 200);
  CHECK(roles_of(ann.get("/api/v1/me")) == json{"supervisor", "operator"});
  CHECK(ann.get("/api/v1/agents/ann/sessions", {{"view", "active"}}).status == 200);
  // The bootstrap admin has no agent and keeps its own roles.
  const Reply admin = desk.admin.get("/api/v1/me");
  CHECK(roles_of(admin) == json{"admin"});
  CHECK(admin.body["agent"].is_null());
}

TEST_CASE("a disabled agent cannot sign in, act or go online; enabling it restores its login") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  REQUIRE(ann.put("/api/v1/agents/ann/status", json{{"status", "online"}}).status == 200);
  REQUIRE(desk.admin.put("/api/v1/agents/ann", agent_body(R"(["operator"])", true)).status == 200);
  const Reply agent = desk.admin.get("/api/v1/agents/ann/stats");
  CHECK(agent.body["status"] == "offline");  // signed off as it was disabled
  CHECK(ann.get("/api/v1/me").status == 401);
  CHECK(Api(desk.server.port()).login("ann", "ann-password").status == 401);
  const Reply online = desk.admin.put("/api/v1/agents/ann/status", json{{"status", "online"}});
  CHECK(online.status == 403);
  CHECK(online.code() == "forbidden");
  bool listed_disabled = false;
  const Reply agents = desk.admin.get("/api/v1/agents");
  for (const json& a : agents.body["agents"])
    if (a["id"] == "ann") listed_disabled = a["disabled"] == true;
  CHECK(listed_disabled);
  REQUIRE(desk.admin.put("/api/v1/agents/ann", agent_body(R"(["operator"])", false)).status == 200);
  Api again(desk.server.port());
  CHECK(again.sign_in("ann", "ann-password"));
  CHECK(again.put("/api/v1/agents/ann/status", json{{"status", "online"}}).status == 200);
}

TEST_CASE("logins are edited and deleted by admins only; deleting one revokes its tokens") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api zed = desk.user("zed", {"operator"}, "zed");
  // Not for non-admins.
  CHECK(ann.put("/api/v1/users/zed", json{{"password", "takeover-123"}}).status == 403);
  CHECK(http_delete(desk, "/api/v1/users/zed", ann.token()) == 403);
  // A new password: the old one no longer signs in.
  const Reply edited = desk.admin.put("/api/v1/users/ann", json{{"password", "new-password-1"}});
  REQUIRE(edited.status == 200);
  CHECK(edited.body["login"] == "ann");
  CHECK(Api(desk.server.port()).login("ann", "ann-password").status == 401);
  Api fresh(desk.server.port());
  CHECK(fresh.sign_in("ann", "new-password-1"));
  // Bad edits are refused.
  CHECK(desk.admin.put("/api/v1/users/ann", json{{"password", "short"}}).status == 400);
  CHECK(desk.admin.put("/api/v1/users/ann", json{{"agent", "ghost"}}).status == 404);
  CHECK(desk.admin.put("/api/v1/users/ann", json{{"roles", {"wizard"}}}).status == 400);
  CHECK(desk.admin.put("/api/v1/users/nobody", json{{"password", "whatever-123"}}).status == 404);
  // Unbinding a login: it needs roles of its own (kim has none), and then acts with them.
  CHECK(desk.admin.post("/api/v1/users", json{{"login", "kim"}, {"password", "kim-password"}, {"agent", "zed"}})
            .status == 201);
  CHECK(desk.admin.put("/api/v1/users/kim", json{{"agent", nullptr}}).status == 400);
  const Reply unbound = desk.admin.put("/api/v1/users/zed", json{{"agent", nullptr}, {"roles", {"reader"}}});
  REQUIRE(unbound.status == 200);
  CHECK(unbound.body["roles_from"] == "login");
  CHECK(roles_of(zed.get("/api/v1/me")) == json{"reader"});
  CHECK(zed.get("/api/v1/me").body["agent"].is_null());
  // Deleting: every token of the login stops working at once, and the login is gone.
  CHECK(http_delete(desk, "/api/v1/users/ann", desk.admin.token()) == 204);
  CHECK(ann.get("/api/v1/me").status == 401);
  CHECK(fresh.get("/api/v1/me").status == 401);
  CHECK(Api(desk.server.port()).login("ann", "new-password-1").status == 401);
  CHECK(http_delete(desk, "/api/v1/users/ann", desk.admin.token()) == 404);
  const Reply users = desk.admin.get("/api/v1/users");
  for (const json& u : users.body["users"]) CHECK(u["login"] != "ann");
  CHECK(http_delete(desk, "/api/v1/users/admin", desk.admin.token()) == 409);  // not oneself
  // A deleted login's name may be taken again.
  CHECK(desk.admin.post("/api/v1/users", json{{"login", "ann"}, {"password", "third-password"}, {"agent", "ann"}})
            .status == 201);
}

TEST_CASE("a disabled group takes no new sessions or transfers; a disabled channel no customer messages") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "site"}, {"kind", "widget"}, {"name", "Website"},
                                                   {"group", "support"}, {"origins", {"*"}}})
              .status == 201);
  Api visitor(desk.server.port());
  const Reply first = visitor.post("/widget/v1/site/sessions", json{{"name", "Bob"}});
  REQUIRE(first.status == 201);
  visitor.set_token(first.body["token"].get<std::string>());
  CHECK(visitor.post("/widget/v1/messages", json{{"text", "hello"}}).status == 200);

  // The channel disabled: new sessions and messages are refused; reading what was said still works.
  REQUIRE(desk.admin.put("/api/v1/channels/site", json{{"kind", "widget"}, {"name", "Website"}, {"group", "support"},
                                                       {"origins", {"*"}}, {"disabled", true}})
              .status == 200);
  const Reply refused = visitor.post("/widget/v1/messages", json{{"text", "still there?"}});
  CHECK(refused.status == 403);
  CHECK(refused.code() == "channel_disabled");
  CHECK(Api(desk.server.port()).post("/widget/v1/site/sessions", json{{"name", "Eve"}}).status == 403);
  CHECK(visitor.get("/widget/v1/messages").status == 200);
  CHECK(desk.admin.get("/api/v1/channels").body["channels"][0]["disabled"] == true);
  REQUIRE(desk.admin.put("/api/v1/channels/site", json{{"kind", "widget"}, {"name", "Website"}, {"group", "support"},
                                                       {"origins", {"*"}}})
              .status == 200);
  CHECK(visitor.post("/widget/v1/messages", json{{"text", "back"}}).status == 200);

  // The group disabled: no new session starts in it, no transfer goes to it.
  REQUIRE(run_script(desk.admin, R"({"type":"agent.set_status","agent":"ann","status":"online"}
{"type":"chat.start","chat":"s1","group":"sales","channel":"Phone","client":"amy","by":"client"})") == "");
  REQUIRE(desk.admin.put("/api/v1/groups/support", json{{"settings", {{"routing", "accept"}}}, {"disabled", true}})
              .status == 200);
  const Reply start = desk.admin.command(
      json{{"type", "chat.start"}, {"chat", "p2"}, {"group", "support"}, {"channel", "Phone"}, {"by", "client"}});
  CHECK(start.status == 409);
  CHECK(start.code() == "bad_state");
  CHECK(Api(desk.server.port()).post("/widget/v1/site/sessions", json{{"name", "Eve"}}).status == 409);
  const Reply transfer = desk.admin.command(
      json{{"type", "chat.transfer"}, {"chat", "s1"}, {"by", "agent:ann"}, {"to_group", "support"}});
  CHECK(transfer.code() == "group_offline");
  bool disabled = false;
  const Reply groups = desk.admin.get("/api/v1/groups");
  for (const json& g : groups.body["groups"])
    if (g["id"] == "support") disabled = g["disabled"] == true;
  CHECK(disabled);
}
