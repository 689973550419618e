// Sessions agents start: only on channels that reach a customer (a messenger with an outbound URL, an
// internal channel), only while the agent is not offline; the first message goes out through the
// channel; a closed messenger session is continued with the same user; the customer's answer lands in it.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <ctime>
#include <mutex>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSecret = "secret-of-the-messenger";

// The messenger platform: keeps the body of every POST to /out and answers 200.
class Messenger {
 public:
  Messenger() {
    server_.Post("/out", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      posts_.push_back(json::parse(req.body, nullptr, false));
      res.set_content("{}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Messenger() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/out"; }
  // The POST of message `id`, once it arrived (null after 8 s without it).
  json wait_for(const std::string& id) {
    for (int i = 0; i < 400; ++i) {
      {
        std::lock_guard lock(mutex_);
        for (const json& p : posts_)
          if (p.is_object() && p.value("message", "") == id) return p;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return nullptr;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<json> posts_;
  int port_ = -1;
};

void set_up(Running& desk, const std::string& outbound) {
  REQUIRE(desk.admin.set_clock("2026-01-05T09:00:00Z").status == 200);
  for (const char* group : {"sales", "vip"})
    REQUIRE(desk.admin.post("/api/v1/groups", json{{"id", group}, {"name", group}, {"settings", {{"routing", "accept"}}}})
                .status == 201);
  REQUIRE(desk.admin.post("/api/v1/agents", json{{"id", "ann"}, {"name", "Ann Lee"}, {"groups", {"sales"}},
                                                 {"roles", {"operator"}}}).status == 201);
  REQUIRE(desk.admin.post("/api/v1/agents", json{{"id", "vic"}, {"name", "Vic Vale"}, {"groups", {"vip"}},
                                                 {"roles", {"operator"}}}).status == 201);
  const json channels[] = {
      {{"id", "chatapp"}, {"kind", "webhook"}, {"name", "ChatApp"}, {"group", "sales"}, {"secret", kSecret},
       {"outbound_url", outbound}},
      {{"id", "mute"}, {"kind", "webhook"}, {"name", "Mute"}, {"group", "sales"}, {"secret", kSecret}},
      {{"id", "staff"}, {"kind", "internal"}, {"name", "Staff"}, {"group", "sales"}},
      {{"id", "site"}, {"kind", "widget"}, {"name", "Website"}, {"group", "sales"}, {"origins", {"*"}}}};
  for (const json& c : channels) {
    const Reply r = desk.admin.post("/api/v1/channels", c);
    REQUIRE_MESSAGE(r.status == 201, r.describe());
  }
}

json chat_of(const Api& api, const std::string& id) { return api.get("/api/v1/chats/" + id).body; }

std::string inbound(int port, const json& body) {
  const std::string text = body.dump(), ts = std::to_string(std::time(nullptr));
  Api api(port);
  api.set_header("X-Parley-Timestamp", ts);
  api.set_header("X-Parley-Signature", webhook_signature(kSecret, ts, text));
  const Reply r = api.post_raw("/hooks/v1/chatapp", text);
  REQUIRE_MESSAGE(r.status == 202, r.describe());
  return r.body["chat"].get<std::string>();
}

}  // namespace

TEST_CASE("an agent starts a session on a channel that reaches the customer, and continues a closed one") {
  Messenger messenger;
  Running desk;
  set_up(desk, messenger.url());
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api vic = desk.user("vic", {"operator"}, "vic");

  const Reply startable = ann.get("/api/v1/channels/startable");
  REQUIRE(startable.status == 200);
  std::string ids;
  for (const json& c : startable.body["channels"]) ids += c["id"].get<std::string>() + " ";
  CHECK(ids == "chatapp staff ");  // no widget, no messenger without an outbound URL

  const json first{{"channel", "chatapp"}, {"user", "42"}, {"name", "Kim"}, {"text", "Your order is ready."}};
  CHECK(ann.post("/api/v1/chats", first).code() == "agent_offline");  // seed 002: not while offline
  REQUIRE(ann.put("/api/v1/agents/ann/status", json{{"status", "online"}}).status == 200);

  // Refusals change nothing.
  const std::string before = desk.admin.get("/api/v1/sessions").text;
  CHECK(ann.post("/api/v1/chats", json{{"channel", "site"}, {"user", "v1"}, {"text", "Hi"}}).code() == "bad_state");
  CHECK(ann.post("/api/v1/chats", json{{"channel", "mute"}, {"user", "7"}, {"text", "Hi"}}).code() == "bad_state");
  CHECK(ann.post("/api/v1/chats", json{{"channel", "nope"}, {"user", "7"}, {"text", "Hi"}}).code() == "unknown_channel");
  CHECK(ann.post("/api/v1/chats", json{{"channel", "chatapp"}, {"user", "7"}}).code() == "bad_command");
  CHECK(ann.post("/api/v1/chats", json{{"channel", "chatapp"}, {"text", "Hi"}}).code() == "bad_command");
  CHECK(ann.post("/api/v1/chats", json{{"channel", "chatapp"}, {"user", 7}, {"text", "Hi"}}).code() == "bad_command");
  CHECK(ann.post("/api/v1/chats", json{{"channel", "chatapp"}, {"user", "7"}, {"group", "vip"}, {"text", "Hi"}})
            .code() == "not_member");
  CHECK(desk.admin.post("/api/v1/chats", first).code() == "bad_command");  // the admin login has no agent
  CHECK(Api(desk.server.port()).post("/api/v1/chats", first).status == 401);
  CHECK(desk.admin.get("/api/v1/sessions").text == before);

  // Started: open, Ann's, "Started by", and the first message delivered to user 42.
  const Reply started = ann.post("/api/v1/chats", first);
  REQUIRE_MESSAGE(started.status == 201, started.describe());
  const std::string chat = started.body["chat"];
  json seen = chat_of(ann, chat);
  CHECK(seen["state"] == "open");
  CHECK(seen["assignee"] == "ann");
  CHECK(seen["client"] == "Kim");
  CHECK(seen["separators"][0] == "started_by_agent");
  REQUIRE(seen["timeline"].size() == 2);
  CHECK(seen["timeline"][1]["from"] == "agent:ann");
  const json post = messenger.wait_for(chat + ".1");
  REQUIRE(post.is_object());
  CHECK(post == json{{"chat", chat}, {"user", "42"}, {"message", chat + ".1"}, {"text", "Your order is ready."}});

  // Kim's answer comes back into that session.
  CHECK(inbound(desk.server.port(), json{{"user", "42"}, {"name", "Kim"}, {"text", "Thanks!"}}) == chat);

  // An internal session: delivered once stored.
  const Reply internal = ann.post("/api/v1/chats", json{{"channel", "staff"}, {"user", "bo"}, {"text", "Ping"}});
  REQUIRE_MESSAGE(internal.status == 201, internal.describe());
  CHECK(chat_of(ann, internal.body["chat"])["timeline"][1]["delivery"] == "delivered");

  // Continue chat: only a closed session; a new session for the same user, on the same channel.
  CHECK(ann.post("/api/v1/chats/" + chat + "/continue", json{{"text", "More"}}).code() == "bad_state");
  REQUIRE(ann.command(json{{"type", "chat.close"}, {"chat", chat}, {"by", "agent:ann"}}).status == 200);
  CHECK(vic.post("/api/v1/chats/" + chat + "/continue", json{{"text", "More"}}).code() == "unknown_chat");
  CHECK(ann.post("/api/v1/chats/" + chat + "/continue", json{}).code() == "bad_command");
  const Reply continued = ann.post("/api/v1/chats/" + chat + "/continue", json{{"text", "One more thing, Kim."}});
  REQUIRE_MESSAGE(continued.status == 201, continued.describe());
  const std::string next = continued.body["chat"];
  CHECK(next != chat);
  seen = chat_of(ann, next);
  CHECK(seen["client"] == "Kim");
  CHECK(seen["separators"][0] == "started_by_agent");
  const json again = messenger.wait_for(next + ".1");
  REQUIRE(again.is_object());
  CHECK(again["user"] == "42");
  const json history = ann.get("/api/v1/chats/" + next + "/history").body;
  REQUIRE(history["history"].size() == 1);
  CHECK(history["history"][0]["chat"] == chat);

  // A closed widget session cannot be continued: the visitor may be gone.
  const Reply visitor = Api(desk.server.port()).post("/widget/v1/site/sessions", json{{"name", "Vera"}});
  REQUIRE_MESSAGE(visitor.status == 201, visitor.describe());
  const std::string widget_chat = visitor.body["chat"];
  Api vera(desk.server.port(), visitor.body["token"]);
  REQUIRE(vera.post("/widget/v1/messages", json{{"text", "Hello?"}, {"client_msg_id", "v-1"}}).status == 200);
  REQUIRE(ann.command(json{{"type", "chat.accept"}, {"chat", widget_chat}, {"agent", "ann"}}).status == 200);
  REQUIRE(ann.command(json{{"type", "chat.close"}, {"chat", widget_chat}, {"by", "agent:ann"}}).status == 200);
  CHECK(ann.post("/api/v1/chats/" + widget_chat + "/continue", json{{"text", "Hi"}}).code() == "bad_state");
}
