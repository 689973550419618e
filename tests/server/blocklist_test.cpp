// The blocklist and spam over HTTP: admins keep the rules (bad ranges and empty patterns refused,
// nothing stored), the widget refuses a blocked address or message with a clear 403, a matching spam
// rule lets a session in as spam (in supervisors' Spam list, in nobody's queue), and supervisors
// unmark it into the queue.
#include <doctest/doctest.h>

#include <algorithm>
#include <ctime>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kShop = "https://shop.example";

std::vector<std::string> chat_ids(const Reply& list) {
  std::vector<std::string> ids;
  for (const json& row : list.body["chats"]) ids.push_back(row["id"].get<std::string>());
  return ids;
}

bool holds(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// A widget visitor's first request, made from `address` (a loopback address the server sees).
Reply start_session(const Running& desk, const std::string& address, Api& visitor) {
  visitor.set_source_address(address);
  visitor.set_header("Origin", kShop);
  const Reply started = visitor.post("/widget/v1/site/sessions", json{{"name", "Vic"}});
  if (started.status == 201) visitor.set_token(started.body["token"].get<std::string>());
  return started;
}

// A signed webhook delivery to channel "app".
Reply hook(const Running& desk, const json& body) {
  const std::string raw = body.dump();
  const std::string timestamp = std::to_string(std::time(nullptr));
  Api api(desk.server.port());
  api.set_header("X-Parley-Timestamp", timestamp);
  api.set_header("X-Parley-Signature", webhook_signature("app-secret-0123456789", timestamp, raw));
  return api.post_raw("/hooks/v1/app", raw);
}

int messages_in(const Running& desk, const std::string& chat) {
  int count = 0;
  const Reply reply = desk.admin.get("/api/v1/chats/" + chat);
  for (const json& item : reply.body["timeline"]) count += item["type"] == "message";
  return count;
}

}  // namespace

TEST_CASE("blocklist rules refuse or let in as spam; supervisors unmark spam into the queue") {
  Running desk;
  REQUIRE(desk.admin.set_clock("2026-03-02T09:00:00Z").status == 200);
  REQUIRE(desk.admin.post("/api/v1/groups", json{{"id", "sales"}, {"name", "Sales"},
                                                 {"settings", {{"routing", "accept"}}}}).status == 201);
  for (const auto& [id, role] : {std::pair{"ann", "operator"}, std::pair{"sue", "supervisor"}})
    REQUIRE(desk.admin.post("/api/v1/agents", json{{"id", id}, {"name", id}, {"groups", {"sales"}}, {"roles", {role}}})
                .status == 201);
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api sue = desk.user("sue", {"supervisor"}, "sue");
  REQUIRE(ann.put("/api/v1/agents/ann/status", json{{"status", "online"}}).status == 200);
  REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "site"}, {"kind", "widget"}, {"name", "Website"},
                                                   {"group", "sales"}, {"origins", {kShop}}}).status == 201);

  SUBCASE("bad rules are refused with a reason and change nothing") {
    const Reply cidr = desk.admin.post("/api/v1/blocklist", json{{"kind", "ip"}, {"value", "10.0.0.0/40"}, {"action", "refuse"}});
    CHECK(cidr.status == 400);
    CHECK(cidr.code() == "bad_command");
    CHECK(cidr.body["error"]["message"].get<std::string>().find("CIDR") != std::string::npos);
    CHECK(desk.admin.post("/api/v1/blocklist", json{{"kind", "text"}, {"value", " "}, {"action", "spam"}}).code() ==
          "bad_command");
    CHECK(desk.admin.post("/api/v1/blocklist", json{{"kind", "text"}, {"value", "x"}, {"action", "hide"}}).code() ==
          "bad_command");
    CHECK(desk.admin.post("/api/v1/blocklist", json{{"id", 7}, {"kind", "text"}, {"value", "x"}, {"action", "spam"}})
              .status == 400);
    CHECK(desk.admin.remove("/api/v1/blocklist/none").code() == "unknown_rule");
    CHECK(desk.admin.get("/api/v1/blocklist").body["rules"].empty());
  }

  SUBCASE("an address range refuses the widget; removing the rule lets the visitor in") {
    const Reply added = desk.admin.post("/api/v1/blocklist", json{{"id", "near"}, {"kind", "ip"}, {"value", "127.0.0.5/32"},
                                                                  {"action", "refuse"}});
    REQUIRE(added.status == 201);
    CHECK(added.body["rule"]["by"] == "login:admin");
    CHECK(added.body["rule"]["created_at"] == "2026-03-02T09:00:00Z");
    CHECK(desk.admin.post("/api/v1/blocklist", json{{"id", "near"}, {"kind", "ip"}, {"value", "::1"}, {"action", "spam"}})
              .code() == "already_exists");
    Api blocked(desk.server.port());
    const Reply refused = start_session(desk, "127.0.0.5", blocked);
    CHECK(refused.status == 403);
    CHECK(refused.code() == "blocked");
    CHECK(refused.body["error"]["message"].get<std::string>().find("does not accept") != std::string::npos);
    CHECK(sue.get("/api/v1/agents/sue/sessions", {{"view", "active"}}).body["chats"].empty());
    Api other(desk.server.port());
    CHECK(start_session(desk, "127.0.0.6", other).status == 201);
    CHECK(desk.admin.remove("/api/v1/blocklist/near").status == 204);
    Api again(desk.server.port());
    CHECK(start_session(desk, "127.0.0.5", again).status == 201);
  }

  SUBCASE("webhook: a blocked customer or message is refused and starts no session") {
    REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "app"}, {"kind", "webhook"}, {"name", "App"}, {"group", "sales"},
                                                     {"secret", "app-secret-0123456789"}}).status == 201);
    REQUIRE(desk.admin.post("/api/v1/blocklist", json{{"id", "u9"}, {"kind", "customer"}, {"value", "u-9"},
                                                      {"channel", "App"}, {"action", "refuse"}}).status == 201);
    REQUIRE(desk.admin.post("/api/v1/blocklist", json{{"id", "money"}, {"kind", "text"}, {"value", "free money"},
                                                      {"action", "refuse"}}).status == 201);
    const Reply customer = hook(desk, json{{"user", "u-9"}, {"name", "Nine"}, {"text", "hello"}});
    CHECK(customer.status == 403);
    CHECK(customer.code() == "blocked");
    const Reply text = hook(desk, json{{"user", "u-1"}, {"text", "Free Money for you"}});
    CHECK(text.status == 403);
    CHECK(text.code() == "blocked");
    CHECK(text.body["error"]["message"].get<std::string>().find("this message") != std::string::npos);
    CHECK(sue.get("/api/v1/agents/sue/sessions", {{"view", "active"}}).body["chats"].empty());
    CHECK(hook(desk, json{{"user", "u-1"}, {"text", "hello"}}).status == 202);
    CHECK(sue.get("/api/v1/agents/sue/sessions", {{"view", "active"}}).body["chats"].size() == 1);
  }

  SUBCASE("a text rule: spam stays out of the queue until a supervisor unmarks it; a refusing one is not stored") {
    REQUIRE(desk.admin.post("/api/v1/blocklist", json{{"id", "casino"}, {"kind", "text"}, {"value", "Casino"},
                                                      {"match", "word"}, {"action", "spam"}}).status == 201);
    REQUIRE(desk.admin.post("/api/v1/blocklist", json{{"id", "money"}, {"kind", "text"}, {"value", "free money"},
                                                      {"action", "refuse"}}).status == 201);
    Api vic(desk.server.port());
    const Reply started = start_session(desk, "127.0.0.1", vic);
    REQUIRE(started.status == 201);
    const std::string chat = started.body["chat"].get<std::string>();
    CHECK(holds(chat_ids(ann.get("/api/v1/agents/ann/sessions", {{"view", "queue"}})), chat));
    const Reply refused = vic.post("/widget/v1/messages", json{{"text", "FREE money inside"}});
    CHECK(refused.status == 403);
    CHECK(refused.code() == "blocked");
    CHECK(messages_in(desk, chat) == 0);
    REQUIRE(vic.post("/widget/v1/messages", json{{"text", "the best CASINO!"}}).status == 200);
    CHECK(desk.admin.get("/api/v1/chats/" + chat).body["spam"] == true);
    CHECK(messages_in(desk, chat) == 1);
    CHECK(!holds(chat_ids(ann.get("/api/v1/agents/ann/sessions", {{"view", "queue"}})), chat));
    CHECK(holds(chat_ids(sue.get("/api/v1/agents/sue/sessions", {{"view", "spam"}})), chat));
    CHECK(ann.get("/api/v1/agents/ann/sessions", {{"view", "spam"}}).status == 403);
    CHECK(ann.post("/api/v1/chats/" + chat + "/accept", json::object()).code() == "bad_state");
    CHECK(ann.post("/api/v1/chats/" + chat + "/unspam", json::object()).code() == "forbidden");
    CHECK(sue.post("/api/v1/chats/" + chat + "/unspam", json::object()).status == 200);
    CHECK(sue.post("/api/v1/chats/" + chat + "/unspam", json::object()).code() == "bad_state");
    CHECK(holds(chat_ids(ann.get("/api/v1/agents/ann/sessions", {{"view", "queue"}})), chat));
    CHECK(sue.get("/api/v1/agents/sue/sessions", {{"view", "spam"}}).body["chats"].empty());
    CHECK(sue.post("/api/v1/chats/" + chat + "/spam", json::object()).status == 200);
    CHECK(!holds(chat_ids(ann.get("/api/v1/agents/ann/sessions", {{"view", "queue"}})), chat));
    // The marks and the rules outlive a restart: they are events in the log.
    desk.restart();
    CHECK(desk.admin.get("/api/v1/chats/" + chat).body["spam"] == true);
    CHECK(desk.admin.get("/api/v1/blocklist").body["rules"].size() == 2);
  }
}
