// Role × route matrix: admin, supervisor, operator, reader, another group's operator, no token and a
// bad token against commands, admin routes, agent figures and chat views.
#include <doctest/doctest.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"accept"}}
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"support","name":"Support","settings":{"routing":"accept"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"bo","name":"Bo Chen","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"sue","name":"Sue Kim","groups":["sales"],"roles":["supervisor"]}
{"type":"agent.create","agent":"rita","name":"Rita Roe","groups":["sales"],"roles":["reader"]}
{"type":"agent.create","agent":"zed","name":"Zed Zo","groups":["support"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"type":"agent.set_status","agent":"bo","status":"online"}
{"type":"agent.set_status","agent":"zed","status":"online"}
{"at":"2026-01-05T09:01:00Z","type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"}
{"type":"chat.start","chat":"c2","group":"support","channel":"Widget","client":"eve","by":"client"}
{"type":"chat.accept","chat":"c1","agent":"ann"}
)";

json status_cmd(const std::string& agent, const std::string& status) {
  return json{{"type", "agent.set_status"}, {"agent", agent}, {"status", status}};
}

json say(const std::string& chat, const std::string& from, const std::string& text) {
  return json{{"type", "message.send"}, {"chat", chat}, {"from", from}, {"text", text}};
}

}  // namespace

TEST_CASE("each role reaches exactly the routes it may") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  RoleLogins logins(desk);
  auto& [ann, sue, rita, zed, nobody, forged] = logins;
  const json new_user{{"login", "x1"}, {"password", "long-enough-1"}, {"roles", {"operator"}}};

  struct Who {
    const char* name;
    const Api& api;
  };
  const std::vector<Who> non_admins{{"sue", sue}, {"ann", ann}, {"rita", rita}, {"zed", zed}};

  SUBCASE("commands: only as oneself, never as a reader") {
    CHECK(ann.command(status_cmd("ann", "dnd")).status == 200);
    CHECK(sue.command(status_cmd("sue", "online")).status == 200);
    CHECK(desk.admin.command(status_cmd("ann", "online")).status == 200);
    const Reply as_other = ann.command(status_cmd("bo", "offline"));
    CHECK(as_other.status == 403);
    CHECK(as_other.code() == "forbidden");
    CHECK(sue.command(status_cmd("ann", "offline")).code() == "forbidden");  // supervisors too
    CHECK(rita.command(status_cmd("rita", "online")).code() == "forbidden");
    CHECK(ann.command(say("c1", "agent:bo", "hi")).code() == "forbidden");
    CHECK(ann.command(say("c1", "client", "pretend")).code() == "forbidden");
    CHECK(ann.command(say("c1", "agent:ann", "hello")).status == 200);
    const Reply foreign = zed.command(say("c1", "agent:zed", "not my group"));
    CHECK(foreign.status == 403);
    CHECK(foreign.code() == "not_member");
    CHECK(nobody.command(status_cmd("ann", "online")).status == 401);
    CHECK(forged.command(status_cmd("ann", "online")).status == 401);
    // Nothing refused changed the desk: bo is still online, c1 has the one agent message.
    CHECK(desk.admin.get("/api/v1/agents/bo/stats").body["status"] == "online");
    int messages = 0;
    const json chat = desk.admin.get("/api/v1/chats/c1").body;
    for (const json& item : chat["timeline"]) messages += item["type"] == "message";
    CHECK(messages == 1);
  }

  SUBCASE("resource-style chat actions act as the caller") {
    CHECK(ann.post("/api/v1/chats/c1/messages", json{{"text", "from ann"}}).status == 200);
    CHECK(rita.post("/api/v1/chats/c1/messages", json{{"text", "reader"}}).code() == "forbidden");
    CHECK(zed.post("/api/v1/chats/c1/messages", json{{"text", "outsider"}}).status == 403);
    CHECK(nobody.post("/api/v1/chats/c1/messages", json{{"text", "anon"}}).status == 401);
    CHECK(ann.put("/api/v1/agents/bo/status", json{{"status", "dnd"}}).code() == "forbidden");
    CHECK(ann.put("/api/v1/agents/ann/status", json{{"status", "dnd"}}).status == 200);
  }

  SUBCASE("admin routes: 403 for every non-admin, 401 without a valid token") {
    CHECK(desk.admin.get("/api/v1/users").status == 200);
    CHECK(desk.admin.get("/api/v1/channels").status == 200);
    CHECK(desk.admin.get("/api/v1/audit").status == 200);
    CHECK(desk.admin.get("/api/v1/retention").status == 200);
    CHECK(desk.admin.set_clock("2026-01-05T09:02:00Z").status == 200);
    for (const Who& who : non_admins) {
      CAPTURE(who.name);
      CHECK(who.api.post("/api/v1/users", new_user).status == 403);
      CHECK(who.api.get("/api/v1/users").status == 403);
      CHECK(who.api.post("/api/v1/groups", json{{"group", "g9"}, {"name", "G9"}}).status == 403);
      CHECK(who.api.put("/api/v1/groups/sales", json{{"name", "Renamed"}}).status == 403);
      CHECK(who.api.post("/api/v1/agents", json{{"agent", "a9"}, {"name", "A9"}, {"groups", {"sales"}}}).status == 403);
      CHECK(who.api.get("/api/v1/channels").status == 403);
      CHECK(who.api.get("/api/v1/audit").status == 403);
      CHECK(who.api.get("/api/v1/retention").status == 403);
      CHECK(who.api.put("/api/v1/retention", json{{"days", 1}}).status == 403);
      CHECK(who.api.post("/api/v1/customers/erase", json{{"channel", "Widget"}, {"client", "c1"}}).status == 403);
      CHECK(who.api.set_clock("2026-01-05T10:00:00Z").status == 403);
    }
    for (const Api* api : {&nobody, &forged}) {
      CHECK(api->post("/api/v1/users", new_user).status == 401);
      CHECK(api->get("/api/v1/users").status == 401);
      CHECK(api->get("/api/v1/channels").status == 401);
      CHECK(api->get("/api/v1/audit").status == 401);
      CHECK(api->get("/api/v1/retention").status == 401);
      CHECK(api->put("/api/v1/retention", json{{"days", 1}}).status == 401);
      CHECK(api->post("/api/v1/customers/erase", json{{"channel", "Widget"}, {"client", "c1"}}).status == 401);
      CHECK(api->set_clock("2026-01-05T10:00:00Z").status == 401);
      CHECK(api->get("/api/v1/me").status == 401);
      CHECK(api->get("/api/v1/stream").status == 401);
    }
    CHECK(desk.admin.get("/api/v1/retention").body["days"] == 0);  // no refused change went through
    CHECK(desk.admin.get("/api/v1/users").body["users"].size() == 5);  // admin + 4: x1 was never made
    CHECK(desk.admin.get("/api/v1/groups").body["groups"].size() == 2);
    CHECK(desk.admin.get("/api/v1/groups").body["groups"][0]["name"] == "Sales");
  }

  SUBCASE("blocklist: admins only; spam marks: the group's supervisors and admins") {
    const json rule{{"id", "r1"}, {"kind", "ip"}, {"value", "198.51.100.0/24"}, {"action", "refuse"}};
    for (const Who& who : non_admins) {
      CAPTURE(who.name);
      CHECK(who.api.get("/api/v1/blocklist").status == 403);
      CHECK(who.api.post("/api/v1/blocklist", rule).status == 403);
      CHECK(who.api.remove("/api/v1/blocklist/r1").status == 403);
    }
    for (const Api* api : {&nobody, &forged}) {
      CHECK(api->get("/api/v1/blocklist").status == 401);
      CHECK(api->post("/api/v1/blocklist", rule).status == 401);
      CHECK(api->remove("/api/v1/blocklist/r1").status == 401);
      CHECK(api->post("/api/v1/chats/c1/spam", json::object()).status == 401);
      CHECK(api->post("/api/v1/chats/c1/unspam", json::object()).status == 401);
    }
    CHECK(desk.admin.post("/api/v1/blocklist", rule).status == 201);
    CHECK(desk.admin.get("/api/v1/blocklist").body["rules"].size() == 1);
    CHECK(ann.post("/api/v1/chats/c1/spam", json::object()).code() == "forbidden");
    CHECK(rita.post("/api/v1/chats/c1/spam", json::object()).code() == "forbidden");
    CHECK(zed.post("/api/v1/chats/c1/spam", json::object()).status == 403);
    CHECK(sue.post("/api/v1/chats/c2/spam", json::object()).status == 403);  // not sue's group
    CHECK(sue.post("/api/v1/chats/c1/spam", json::object()).status == 200);
    CHECK(ann.post("/api/v1/chats/c1/unspam", json::object()).code() == "forbidden");
    CHECK(desk.admin.post("/api/v1/chats/c1/unspam", json::object()).status == 200);
    CHECK(desk.admin.post("/api/v1/chats/c2/spam", json::object()).status == 200);
    CHECK(zed.post("/api/v1/chats/c2/unspam", json::object()).code() == "forbidden");  // an operator
    CHECK(desk.admin.remove("/api/v1/blocklist/r1").status == 204);
    CHECK(desk.admin.get("/api/v1/blocklist").body["rules"].empty());
  }

  SUBCASE("contacts, cases, leads and histories: as the groups of the sessions involved allow") {
    const json bob{{"name", "Bob Ray"}};
    for (const Api* api : {&nobody, &forged}) {
      CHECK(api->get("/api/v1/contacts").status == 401);
      CHECK(api->post("/api/v1/contacts", bob).status == 401);
      CHECK(api->get("/api/v1/contacts/contact-1").status == 401);
      CHECK(api->put("/api/v1/contacts/contact-1", bob).status == 401);
      CHECK(api->post("/api/v1/contacts/contact-1/merge", json{{"from", "contact-2"}}).status == 401);
      CHECK(api->post("/api/v1/chats/c1/contact", bob).status == 401);
      CHECK(api->post("/api/v1/chats/c1/cases", json{{"subject", "x"}}).status == 401);
      CHECK(api->post("/api/v1/chats/c1/leads", json{{"subject", "x"}}).status == 401);
      CHECK(api->get("/api/v1/chats/c1/history").status == 401);
    }
    // c1 is a sales session: sales workers link and create from it; a reader and support may not.
    CHECK(rita.post("/api/v1/chats/c1/contact", bob).code() == "forbidden");
    CHECK(zed.post("/api/v1/chats/c1/contact", bob).code() == "not_member");
    CHECK(rita.post("/api/v1/contacts", bob).code() == "forbidden");
    const Reply linked = ann.post("/api/v1/chats/c1/contact", bob);
    REQUIRE_MESSAGE(linked.status == 201, linked.describe());
    const std::string id = linked.body["contact"]["id"];
    const std::string path = "/api/v1/contacts/" + id;
    for (const Api* api : {&ann, &sue, &rita}) CHECK(api->get(path).status == 200);
    CHECK(desk.admin.get(path).status == 200);
    CHECK(zed.get(path).code() == "unknown_contact");
    CHECK(zed.get("/api/v1/contacts", {{"q", "bob"}}).body["contacts"].empty());
    CHECK(rita.get("/api/v1/contacts", {{"q", "bob"}}).body["contacts"].size() == 1);
    CHECK(zed.put(path, json{{"name", "Z"}}).code() == "unknown_contact");
    CHECK(rita.put(path, json{{"name", "Z"}}).code() == "forbidden");
    CHECK(sue.put(path, json{{"name", "Robert Ray"}}).status == 200);
    for (const char* item : {"cases", "leads"}) {
      CAPTURE(item);
      const std::string at = std::string("/api/v1/chats/c1/") + item;
      CHECK(rita.post(at, json{{"subject", "x"}}).code() == "forbidden");
      CHECK(zed.post(at, json{{"subject", "x"}}).code() == "not_member");
      CHECK(ann.post(at, json{{"subject", "x"}}).status == 201);
      CHECK(desk.admin.post(at, json{{"subject", "y"}}).status == 201);
    }
    CHECK(zed.get("/api/v1/chats/c1/history").code() == "unknown_chat");
    CHECK(rita.get("/api/v1/chats/c1/history").status == 200);
    CHECK(zed.get("/api/v1/chats/c2/history").status == 200);
    const Reply other = zed.post("/api/v1/chats/c2/contact", json{{"name", "Eve"}});
    REQUIRE(other.status == 201);
    const std::string eve = other.body["contact"]["id"];
    CHECK(zed.post(path + "/merge", json{{"from", eve}}).code() == "unknown_contact");  // not zed's contact
    CHECK(ann.post(path + "/merge", json{{"from", eve}}).code() == "unknown_contact");  // not ann's
    CHECK(sue.post(path + "/merge", json{{"from", eve}}).status == 404);
    CHECK(desk.admin.post(path + "/merge", json{{"from", eve}}).status == 200);
    CHECK(zed.get(path).status == 200);  // c2, zed's session, is now the contact's too
    CHECK(desk.admin.get(path).body["sessions"].size() == 2);
  }

  SUBCASE("agent figures: oneself, supervisors of a shared group, admins") {
    for (const char* what : {"stats", "queue", "counters", "sessions"}) {
      CAPTURE(what);
      const std::string bo = std::string("/api/v1/agents/bo/") + what;
      CHECK(desk.admin.get(bo).status == 200);
      CHECK(sue.get(bo).status == 200);
      CHECK(ann.get(bo).status == 403);
      CHECK(rita.get(bo).status == 403);
      CHECK(zed.get(bo).status == 403);
      CHECK(nobody.get(bo).status == 401);
      CHECK(forged.get(bo).status == 401);
      CHECK(ann.get(std::string("/api/v1/agents/ann/") + what).status == 200);
      CHECK(zed.get(std::string("/api/v1/agents/nobody/") + what).status == 404);
    }
    CHECK(ann.get("/api/v1/agents/bo/stats").code() == "forbidden");
    CHECK(sue.get("/api/v1/agents/zed/stats").status == 403);  // not in sue's group
  }

  SUBCASE("sessions app: admins every session, supervisors their groups', others refused") {
    for (const char* path : {"/api/v1/sessions", "/api/v1/sessions.csv"}) {
      CAPTURE(path);
      CHECK(desk.admin.get(path).status == 200);
      CHECK(sue.get(path).status == 200);
      for (const Api* api : {&ann, &rita, &zed}) CHECK(api->get(path).code() == "forbidden");
      CHECK(nobody.get(path).status == 401);
      CHECK(forged.get(path).status == 401);
      CHECK(sue.get(path, {{"group", "support"}}).status == 403);
    }
    CHECK(desk.admin.get("/api/v1/sessions").body["total"] == 2);
    CHECK(sue.get("/api/v1/sessions").body["total"] == 1);
  }

  SUBCASE("chats: visible to members of the chat's group only") {
    CHECK(desk.admin.get("/api/v1/chats/c2").status == 200);
    CHECK(zed.get("/api/v1/chats/c2").status == 200);
    for (const Api* api : {&ann, &sue, &rita}) {
      const Reply hidden = api->get("/api/v1/chats/c2");
      CHECK(hidden.status == 404);
      CHECK(hidden.code() == "unknown_chat");
    }
    CHECK(rita.get("/api/v1/chats/c1").status == 200);
    CHECK(rita.get("/api/v1/chats/c1").body["assignee"] == "ann");
    CHECK(zed.get("/api/v1/chats/c1").status == 404);
    CHECK(nobody.get("/api/v1/chats/c1").status == 401);
    CHECK(ann.get("/api/v1/search", {{"q", "eve"}}).body["chats"].empty());
    CHECK(zed.get("/api/v1/search", {{"q", "eve"}}).body["chats"].size() == 1);
  }

  SUBCASE("who am I, and the public health routes") {
    const Reply me = sue.get("/api/v1/me");
    CHECK(me.body["agent"] == "sue");
    CHECK(me.body["roles"] == json{"supervisor"});
    CHECK(desk.admin.get("/api/v1/me").body["roles"] == json{"admin"});
    CHECK(nobody.get("/livez").status == 200);
    CHECK(nobody.get("/readyz").status == 200);
    CHECK(ann.post("/api/v1/auth/logout", json::object()).status == 204);
    CHECK(ann.get("/api/v1/me").status == 401);  // the token is revoked
  }
}
