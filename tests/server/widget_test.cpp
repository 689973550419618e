// The chat widget end to end over /widget/v1/: a visitor's session reaches an agent, the reply comes
// back over the widget's stream, read receipts reach the agent; CORS, visitor isolation and bad tokens.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kShop = "https://shop.example";
const char* const kEvil = "https://evil.example";

// The group (accept routing), agent ann online with her own login, and widget channel "site".
Api set_up_desk(Running& desk) {
  REQUIRE(desk.admin.set_clock("2026-01-05T09:00:00Z").status == 200);
  REQUIRE(desk.admin.post("/api/v1/groups", json{{"id", "sales"}, {"name", "Sales"},
                                                 {"settings", {{"routing", "accept"}}}}).status == 201);
  REQUIRE(desk.admin.post("/api/v1/agents", json{{"id", "ann"}, {"name", "Ann Lee"}, {"groups", {"sales"}},
                                                 {"roles", {"operator"}}}).status == 201);
  Api ann = desk.user("ann", {"operator"}, "ann");
  REQUIRE(ann.put("/api/v1/agents/ann/status", json{{"status", "online"}}).status == 200);
  const Reply channel = desk.admin.post("/api/v1/channels", json{{"id", "site"}, {"kind", "widget"}, {"name", "Website"},
                                                                 {"group", "sales"}, {"origins", {kShop}}});
  REQUIRE(channel.status == 201);
  return ann;
}

struct Visitor {
  Api api;
  std::string chat;
};

// A widget session started from the shop's page.
Visitor start_visitor(const Running& desk, const std::string& name) {
  Visitor v{Api(desk.server.port()), ""};
  v.api.set_header("Origin", kShop);
  const Reply started = v.api.post("/widget/v1/site/sessions", json{{"name", name}});
  REQUIRE_MESSAGE(started.status == 201, started.describe());
  CHECK(started.header("access-control-allow-origin") == kShop);
  v.api.set_token(started.body["token"].get<std::string>());
  v.chat = started.body["chat"].get<std::string>();
  return v;
}

std::uint64_t last_seq_of(const Reply& reply) {
  std::uint64_t seq = 0;
  for (const json& e : reply.body["events"]) seq = std::max(seq, e["seq"].get<std::uint64_t>());
  return seq;
}

std::vector<std::string> chat_ids(const Reply& list) {
  std::vector<std::string> ids;
  for (const json& row : list.body["chats"]) ids.push_back(row["id"].get<std::string>());
  return ids;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The delivery status of one message as the agent workspace shows it ("" if absent).
std::string delivery_of(const Api& api, const std::string& chat, const std::string& message) {
  const Reply r = api.get("/api/v1/chats/" + chat);
  for (const json& item : r.body.value("timeline", json::array()))
    if (item.value("id", "") == message) return item.value("delivery", "");
  return "";
}

std::string wait_delivery(const Api& api, const std::string& chat, const std::string& message,
                          const std::string& wanted) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  std::string now = delivery_of(api, chat, message);
  while (now != wanted && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    now = delivery_of(api, chat, message);
  }
  return now;
}

std::map<std::string, std::string> widget_headers(std::optional<std::uint64_t> last_event_id) {
  std::map<std::string, std::string> headers{{"Origin", kShop}};
  if (last_event_id) headers["Last-Event-ID"] = std::to_string(*last_event_id);
  return headers;
}

std::string stream_path(const std::string& token) { return "/widget/v1/stream?access_token=" + token; }

long last_seq(const Api& api) {
  const std::string text = api.get("/metrics").text;
  const std::string key = "parley_event_log_last_seq ";
  const auto at = text.find(key);
  return at == std::string::npos ? -1 : std::stol(text.substr(at + key.size()));
}

}  // namespace

TEST_CASE("a widget visitor and an agent talk; the reply streams back and the read receipt reaches the agent") {
  Running desk;
  Api ann = set_up_desk(desk);
  const int port = desk.server.port();
  Visitor bob = start_visitor(desk, "Bob");

  const Reply sent = bob.api.post("/widget/v1/messages", json{{"text", "Where is my order?"}, {"client_msg_id", "b-1"}});
  REQUIRE_MESSAGE(sent.status == 200, sent.describe());
  CHECK(sent.body["chat"] == bob.chat);
  CHECK(sent.body["message"] == "b-1");
  CHECK(sent.header("access-control-allow-origin") == kShop);

  // Accept routing: the session waits in ann's queue until she takes it.
  const Reply queue = ann.get("/api/v1/agents/ann/queue");
  REQUIRE(queue.status == 200);
  CHECK(queue.body["queue"] == json::array({bob.chat}));
  CHECK(contains(chat_ids(ann.get("/api/v1/agents/ann/sessions", {{"view", "queue"}})), bob.chat));
  CHECK(!contains(chat_ids(ann.get("/api/v1/agents/ann/sessions", {{"view", "mine"}})), bob.chat));
  const Reply accepted = ann.command(json{{"type", "chat.accept"}, {"chat", bob.chat}, {"agent", "ann"}});
  REQUIRE_MESSAGE(accepted.status == 200, accepted.describe());
  CHECK(contains(chat_ids(ann.get("/api/v1/agents/ann/sessions", {{"view", "mine"}})), bob.chat));
  const json chat = ann.get("/api/v1/chats/" + bob.chat).body;
  CHECK(chat["client"] == "Bob");
  CHECK(chat["channel"] == "Website");
  CHECK(chat["state"] == "open");
  CHECK(chat["timeline"].dump().find("Where is my order?") != std::string::npos);

  // The visitor's live stream (the widget's EventSource route) is open before the agent replies.
  std::atomic<bool> open{false};
  StreamResult live;
  std::thread reader([&] {
    live = read_sse(port, stream_path(bob.api.token()), widget_headers(std::nullopt),
                    [](const std::vector<SseEvent>& events) {
                      for (const SseEvent& e : events)
                        if (e.type == "message" && e.data.find("\"from\":\"agent\"") != std::string::npos) return true;
                      return false;
                    },
                    10000, [&] { open = true; });
  });
  for (int i = 0; i < 500 && !open; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const Reply reply = ann.command(json{{"type", "message.send"}, {"chat", bob.chat}, {"from", "agent:ann"},
                                       {"text", "It ships today."}});
  reader.join();
  REQUIRE(open);
  REQUIRE_MESSAGE(reply.status == 200, reply.describe());
  const std::string answer = reply.body["events"][0]["message"].get<std::string>();
  const std::uint64_t before_reply = last_seq_of(reply) - 1;
  CHECK(live.status == 200);
  REQUIRE(!live.events.empty());
  const SseEvent& frame = live.events.back();
  CHECK(frame.type == "message");
  CHECK(frame.id == last_seq_of(reply));
  const json message = json::parse(frame.data);
  CHECK(message["id"] == answer);
  CHECK(message["chat"] == bob.chat);
  CHECK(message["from"] == "agent");
  CHECK(message["name"] == "Ann Lee");
  CHECK(message["text"] == "It ships today.");
  CHECK(frame.data.find("ann\"") == std::string::npos);  // the agent's id never reaches the visitor

  // Written to the widget: delivered. The poll route (the widget's catch-up) shows the same message.
  CHECK(wait_delivery(ann, bob.chat, answer, "delivered") == "delivered");
  const Reply polled = bob.api.get("/widget/v1/messages", {{"after", "0"}});
  REQUIRE(polled.status == 200);
  CHECK(polled.body["state"] == "open");
  CHECK(polled.body["agent"] == "Ann Lee");
  REQUIRE(polled.body["messages"].size() == 2);
  CHECK(polled.body["messages"][0]["text"] == "Where is my order?");
  CHECK(polled.body["messages"][1]["id"] == answer);
  CHECK(polled.body["messages"][1]["delivery"] == "delivered");

  SUBCASE("another visitor's token reads and marks only its own session") {
    Visitor eve = start_visitor(desk, "Eve");
    CHECK(eve.chat != bob.chat);
    REQUIRE(eve.api.post("/widget/v1/messages", json{{"text", "hello from eve"}}).status == 200);
    const Reply own = eve.api.get("/widget/v1/messages");
    REQUIRE(own.status == 200);
    CHECK(own.body["chat"] == eve.chat);
    CHECK(own.text.find("Where is my order?") == std::string::npos);
    CHECK(own.text.find("It ships today.") == std::string::npos);
    CHECK(own.text.find("hello from eve") != std::string::npos);
    const Reply marked = eve.api.post("/widget/v1/read", json{{"message", answer}});
    CHECK(marked.status == 404);
    CHECK(delivery_of(ann, bob.chat, answer) == "delivered");
    // Eve's stream from before ann's reply carries Eve's own message but nothing of Bob's session.
    const StreamResult resumed = read_sse(port, stream_path(eve.api.token()), widget_headers(before_reply),
                                          [](const auto&) { return false; }, 1500);
    CHECK(resumed.status == 200);
    bool own_message = false;
    for (const SseEvent& e : resumed.events) {
      CHECK(e.data.find(bob.chat) == std::string::npos);
      own_message = own_message || e.data.find("hello from eve") != std::string::npos;
    }
    CHECK(own_message);
    // A visitor token is no staff login.
    CHECK(eve.api.get("/api/v1/chats/" + bob.chat).status == 401);
  }
  SUBCASE("the visitor's read receipt marks the agent message read") {
    const Reply read = bob.api.post("/widget/v1/read", json{{"message", answer}});
    REQUIRE_MESSAGE(read.status == 200, read.describe());
    CHECK(read.body["delivery"] == "read");
    CHECK(delivery_of(ann, bob.chat, answer) == "read");
    CHECK(delivery_of(desk.admin, bob.chat, answer) == "read");
    // The widget hears of both changes as delivery frames.
    const StreamResult resumed = read_sse(port, stream_path(bob.api.token()), widget_headers(last_seq_of(reply)),
                                          [](const std::vector<SseEvent>& e) { return e.size() >= 2; }, 3000);
    REQUIRE(resumed.events.size() == 2);
    CHECK(resumed.events[0].type == "delivery");
    CHECK(json::parse(resumed.events[0].data) == json{{"chat", bob.chat}, {"id", answer}, {"status", "delivered"}});
    CHECK(resumed.events[1].type == "delivery");
    CHECK(json::parse(resumed.events[1].data) == json{{"chat", bob.chat}, {"id", answer}, {"status", "read"}});
  }
}

TEST_CASE("CORS: only the channel's origins are served, and only on widget routes") {
  Running desk;
  set_up_desk(desk);
  const int port = desk.server.port();
  Visitor bob = start_visitor(desk, "Bob");

  SUBCASE("an allowed origin gets its Access-Control headers, preflights included") {
    const Reply polled = bob.api.get("/widget/v1/messages");
    CHECK(polled.status == 200);
    CHECK(polled.header("access-control-allow-origin") == kShop);
    CHECK(polled.header("vary").find("Origin") != std::string::npos);
    const Reply preflight = bob.api.options("/widget/v1/site/sessions");
    CHECK(preflight.status == 204);
    CHECK(preflight.header("access-control-allow-origin") == kShop);
    CHECK(preflight.header("access-control-allow-methods").find("POST") != std::string::npos);
    CHECK(preflight.header("access-control-allow-headers").find("Authorization") != std::string::npos);
    CHECK(bob.api.options("/widget/v1/messages").header("access-control-allow-origin") == kShop);
  }
  SUBCASE("other origins are refused without CORS headers and start nothing") {
    const long before = last_seq(desk.admin);
    REQUIRE(before > 0);
    for (const std::string origin : {std::string(kEvil), std::string("http://shop.example"),
                                     std::string("https://shop.example.evil.example")}) {
      CAPTURE(origin);
      Api page(port);
      page.set_header("Origin", origin);
      const Reply start = page.post("/widget/v1/site/sessions", json{{"name", "Mallory"}});
      CHECK(start.status == 403);
      CHECK(start.code() == "origin_refused");
      CHECK(start.headers.count("access-control-allow-origin") == 0);
      const Reply preflight = page.options("/widget/v1/site/sessions");
      CHECK(preflight.status == 403);
      CHECK(preflight.headers.count("access-control-allow-origin") == 0);
      CHECK(page.options("/widget/v1/messages").status == 403);
      // Even with a valid visitor token.
      page.set_token(bob.api.token());
      const Reply polled = page.get("/widget/v1/messages");
      CHECK(polled.status == 403);
      CHECK(polled.headers.count("access-control-allow-origin") == 0);
      CHECK(page.post("/widget/v1/messages", json{{"text", "from elsewhere"}}).status == 403);
    }
    CHECK(last_seq(desk.admin) == before);
  }
  SUBCASE("the staff API sends no CORS headers, whatever the origin") {
    Api staff(port, desk.admin.token());
    staff.set_header("Origin", kShop);
    for (const Reply& r : {staff.get("/api/v1/me"), staff.options("/api/v1/commands"), staff.options("/api/v1/me"),
                           staff.post("/api/v1/auth/login", json{{"login", "admin"}, {"password", kAdminPassword}}),
                           staff.get("/api/v1/chats/" + bob.chat), staff.get("/livez")}) {
      CAPTURE(r.describe());
      CHECK(r.status != 0);
      for (const auto& [name, value] : r.headers) CHECK(name.rfind("access-control-", 0) != 0);
    }
    CHECK(staff.get("/api/v1/me").status == 200);
  }
}

TEST_CASE("bad visitor tokens get 401") {
  Running desk;
  set_up_desk(desk);
  const int port = desk.server.port();
  Visitor bob = start_visitor(desk, "Bob");
  const std::string forged = std::string(64, 'a');
  for (const std::string token : {forged, std::string(""), bob.api.token() + "0", std::string(300, 'f'),
                                  desk.admin.token()}) {
    CAPTURE(token);
    Api caller(port, token);
    caller.set_header("Origin", kShop);
    const Reply polled = caller.get("/widget/v1/messages");
    CHECK(polled.status == 401);
    CHECK(polled.code() == "unauthorized");
    CHECK(caller.post("/widget/v1/messages", json{{"text", "let me in"}}).status == 401);
    CHECK(caller.post("/widget/v1/read", json{{"message", "x"}}).status == 401);
    CHECK(read_sse(port, stream_path(token), widget_headers(std::nullopt), [](const auto&) { return true; }, 2000)
              .status == 401);
  }
  CHECK(bob.api.get("/widget/v1/messages").status == 200);  // the control
  CHECK(bob.api.get("/widget/v1/messages").body["messages"].empty());
}
