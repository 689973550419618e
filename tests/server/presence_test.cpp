// Presence over real HTTP: POST /api/v1/chats/{id}/presence reaches the streams of the colleagues
// who may read the chat (as an SSE item without id) and nobody else; typing travels both ways
// between the session's agent and the widget; bad input, unknown chats, missing rights and floods
// are refused with clear errors and fan nothing out.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kShop = "https://shop.example";

void set_up(Running& desk) {
  REQUIRE(desk.admin.set_clock("2026-01-05T09:00:00Z").status == 200);
  for (const char* g : {"sales", "support"})
    REQUIRE(desk.admin.post("/api/v1/groups", json{{"id", g}, {"name", g}, {"settings", {{"routing", "accept"}}}}).status == 201);
  const auto agent = [&](const char* id, const char* name, const char* group, const char* role) {
    REQUIRE(desk.admin.post("/api/v1/agents", json{{"id", id}, {"name", name}, {"groups", {group}}, {"roles", {role}}})
                .status == 201);
  };
  agent("ann", "Ann Lee", "sales", "operator");
  agent("sue", "Sue Park", "sales", "supervisor");
  agent("rita", "Rita Roe", "sales", "reader");
  agent("zed", "Zed Zane", "support", "operator");
  REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "site"}, {"kind", "widget"}, {"name", "Website"},
                                                   {"group", "sales"}, {"origins", {kShop}}}).status == 201);
}

struct Visitor {
  Api api;
  std::string chat;
};

Visitor start_visitor(Running& desk) {
  Visitor v{Api(desk.server.port()), ""};
  v.api.set_header("Origin", kShop);
  const Reply started = v.api.post("/widget/v1/site/sessions", json{{"name", "Bob"}});
  REQUIRE_MESSAGE(started.status == 201, started.describe());
  v.api.set_token(started.body["token"].get<std::string>());
  v.chat = started.body["chat"].get<std::string>();
  REQUIRE(v.api.post("/widget/v1/messages", json{{"text", "Hello?"}, {"client_msg_id", "b-1"}}).status == 200);
  return v;
}

// Reads a stream in the background until an item of `type` whose data holds `until` arrives (or the
// timeout).
struct Listener {
  StreamResult result;
  std::atomic<bool> open{false};
  std::thread thread;
  Listener(int port, const std::string& path, std::map<std::string, std::string> headers, std::string type,
           int timeout_ms, std::string until = "") {
    thread = std::thread([this, port, path, headers, type, timeout_ms, until] {
      result = read_sse(port, path, headers,
                        [type, until](const std::vector<SseEvent>& events) {
                          for (const SseEvent& e : events)
                            if (e.type == type && e.data.find(until) != std::string::npos) return true;
                          return false;
                        },
                        timeout_ms, [this] { open = true; });
    });
    for (int i = 0; i < 500 && !open; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the bootstrap is written, the stream waits
  }
  std::vector<json> items(const std::string& type) {
    if (thread.joinable()) thread.join();
    std::vector<json> out;
    for (const SseEvent& e : result.events)
      if (e.type == type) {
        CHECK(e.id == 0);  // never a logged event
        out.push_back(json::parse(e.data));
      }
    return out;
  }
};

std::string agent_stream(const Api& api) { return "/api/v1/stream?access_token=" + api.token(); }

}  // namespace

TEST_CASE("presence reaches the colleagues who may read the chat, without an id, and nobody else") {
  Running desk;
  set_up(desk);
  RoleLogins logins(desk);
  auto& [ann, sue, rita, zed, nobody, forged] = logins;
  (void)nobody, (void)forged;
  Visitor bob = start_visitor(desk);
  const int port = desk.server.port();

  Listener at_sue(port, agent_stream(sue), {}, "presence", 4000);
  Listener at_rita(port, agent_stream(rita), {}, "presence", 4000);
  Listener at_zed(port, agent_stream(zed), {}, "presence", 1500);
  Listener at_ann(port, agent_stream(ann), {}, "presence", 1500);
  const Reply told = ann.post("/api/v1/chats/" + bob.chat + "/presence", json{{"state", "viewing"}});
  REQUIRE_MESSAGE(told.status == 200, told.describe());
  CHECK(told.body["heard_by"] == 2);
  CHECK(told.body["ttl_ms"] == 15000);

  for (Listener* l : {&at_sue, &at_rita}) {
    const std::vector<json> items = l->items("presence");
    REQUIRE(items.size() == 1);
    CHECK(items[0]["chat"] == bob.chat);
    CHECK(items[0]["from"] == "agent");
    CHECK(items[0]["agent"] == "ann");
    CHECK(items[0]["name"] == "Ann Lee");
    CHECK(items[0]["state"] == "viewing");
  }
  CHECK(at_zed.items("presence").empty());  // another group
  CHECK(at_ann.items("presence").empty());  // not told of itself

  // Presence is not a desk event: the log did not move.
  const Reply events = desk.admin.get("/api/v1/chats/" + bob.chat);
  CHECK(events.text.find("presence") == std::string::npos);
}

TEST_CASE("presence refuses bad input, unknown or hidden chats, missing rights and floods") {
  Running desk;
  set_up(desk);
  RoleLogins logins(desk);
  auto& [ann, sue, rita, zed, nobody, forged] = logins;
  Visitor bob = start_visitor(desk);
  const std::string path = "/api/v1/chats/" + bob.chat + "/presence";

  CHECK(ann.post(path, json{{"state", "dancing"}}).code() == "bad_command");
  CHECK(ann.post(path, json{{"state", 3}}).code() == "bad_command");
  CHECK(ann.post(path, json::object()).status == 400);
  CHECK(ann.post(path, json::array()).status == 400);
  CHECK(ann.post_raw(path, "{not json").status == 400);
  CHECK(ann.post("/api/v1/chats/no-such-chat/presence", json{{"state", "viewing"}}).code() == "unknown_chat");
  CHECK(zed.post(path, json{{"state", "viewing"}}).status == 404);  // zed may not see the chat at all
  const Reply reader_types = rita.post(path, json{{"state", "typing"}});
  CHECK(reader_types.status == 403);
  CHECK(reader_types.code() == "forbidden");
  CHECK(rita.post(path, json{{"state", "viewing"}}).status == 200);  // readers may be seen reading
  CHECK(desk.admin.post(path, json{{"state", "viewing"}}).status == 403);  // a login without an agent
  CHECK(nobody.post(path, json{{"state", "viewing"}}).status == 401);
  CHECK(forged.post(path, json{{"state", "viewing"}}).status == 401);

  int admitted = 0, limited = 0;
  for (int i = 0; i < 12; ++i) {
    const Reply r = sue.post(path, json{{"state", "viewing"}});
    if (r.status == 200) ++admitted;
    if (r.status == 429) {
      ++limited;
      CHECK(r.code() == "rate_limited");
    }
  }
  CHECK(admitted >= 4);
  CHECK(admitted <= 8);  // at most 4 a second, the loop may straddle a second
  CHECK(limited == 12 - admitted);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(sue.post(path, json{{"state", "viewing"}}).status == 200);  // the next second admits again

  Api widget(desk.server.port(), bob.api.token());
  widget.set_header("Origin", kShop);
  CHECK(widget.post("/widget/v1/typing", json{{"typing", "yes"}}).code() == "bad_command");
  CHECK(widget.post("/widget/v1/typing", json::object()).status == 400);
  Api stranger(desk.server.port(), std::string(64, 'b'));
  stranger.set_header("Origin", kShop);
  CHECK(stranger.post("/widget/v1/typing", json{{"typing", true}}).status == 401);
  // The server still serves.
  CHECK(ann.get("/api/v1/chats/" + bob.chat).status == 200);
}

TEST_CASE("typing travels both ways: the assignee's reply typing to the widget, the customer's to staff") {
  Running desk;
  set_up(desk);
  RoleLogins logins(desk);
  auto& [ann, sue, rita, zed, nobody, forged] = logins;
  (void)rita, (void)zed, (void)nobody, (void)forged;
  REQUIRE(ann.put("/api/v1/agents/ann/status", json{{"status", "online"}}).status == 200);
  Visitor bob = start_visitor(desk);
  const int port = desk.server.port();
  const std::string path = "/api/v1/chats/" + bob.chat + "/presence";
  const std::map<std::string, std::string> origin{{"Origin", kShop}};

  {  // Waiting in the queue: nobody's typing reaches the customer.
    Listener at_bob(port, "/widget/v1/stream?access_token=" + bob.api.token(), origin, "typing", 1500);
    REQUIRE(ann.post(path, json{{"state", "typing"}}).status == 200);
    CHECK(at_bob.items("typing").empty());
  }
  REQUIRE(ann.command(json{{"type", "chat.accept"}, {"chat", bob.chat}, {"agent", "ann"}}).status == 200);
  {  // A note being written reads as not typing; a supervisor's typing never reaches the customer; the
     // assignee's reply being typed does.
    Listener at_bob(port, "/widget/v1/stream?access_token=" + bob.api.token(), origin, "typing", 4000,
                    "\"typing\":true");
    REQUIRE(ann.post(path, json{{"state", "noting"}}).status == 200);
    REQUIRE(sue.post(path, json{{"state", "typing"}}).status == 200);  // not the assignee
    REQUIRE(ann.post(path, json{{"state", "typing"}}).status == 200);
    const std::vector<json> items = at_bob.items("typing");
    REQUIRE(items.size() == 2);
    CHECK(items[0]["typing"] == false);
    CHECK(items[1]["chat"] == bob.chat);
    CHECK(items[1]["typing"] == true);
    CHECK(items[1]["name"] == "Ann Lee");
    CHECK(items[1]["ttl_ms"] == 5000);
  }
  {  // The customer types: the staff who may read the chat hear it.
    Listener at_sue(port, agent_stream(sue), {}, "presence", 4000);
    const Reply typed = bob.api.post("/widget/v1/typing", json{{"typing", true}});
    REQUIRE_MESSAGE(typed.status == 200, typed.describe());
    CHECK(typed.body["chat"] == bob.chat);
    const std::vector<json> items = at_sue.items("presence");
    REQUIRE(items.size() == 1);
    CHECK(items[0]["from"] == "customer");
    CHECK(items[0]["agent"].is_null());
    CHECK(items[0]["state"] == "typing");
    CHECK(items[0]["chat"] == bob.chat);
  }
}
