// Webhook channels: signed inbound messages are stored, tampered/wrong/stale/replayed ones refused (401,
// nothing stored); agent replies reach the outbound URL, a failed delivery is resent exactly once, and
// one in flight when the server dies is delivered after its restart.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <mutex>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSecret = "s3cret-of-the-chatapp-channel";

std::string sign(const std::string& secret, const std::string& timestamp, const std::string& body) {
  return webhook_signature(secret, timestamp, body);
}

std::string now_seconds(long offset = 0) { return std::to_string(std::time(nullptr) + offset); }

Reply hook(int port, const std::string& body, const std::string& timestamp, const std::string& signature) {
  Api api(port);
  api.set_header("X-Parley-Timestamp", timestamp);
  api.set_header("X-Parley-Signature", signature);
  return api.post_raw("/hooks/v1/chatapp", body);
}

long metric(const Api& api, const std::string& name) {
  const std::string text = api.get("/metrics").text;
  const auto at = text.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stol(text.substr(at + name.size() + 2));
}

bool wait_until(const std::function<bool()>& done, int timeout_ms = 8000) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// A stand-in for the messaging platform: records every POST to /out and answers with `status`.
class Receiver {
 public:
  struct Post {
    int answered = 0;
    json body;
    std::string timestamp, signature, channel, raw;
  };

  explicit Receiver(int port = 0) {
    server_.Post("/out", [this](const httplib::Request& req, httplib::Response& res) {
      int delay_ms = 0;
      {
        std::lock_guard lock(mutex_);
        delay_ms = delay_ms_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      std::lock_guard lock(mutex_);
      posts_.push_back(Post{status_, json::parse(req.body, nullptr, false), req.get_header_value("X-Parley-Timestamp"),
                            req.get_header_value("X-Parley-Signature"), req.get_header_value("X-Parley-Channel"),
                            req.body});
      res.status = status_;
      res.set_content("{}", "application/json");
    });
    port_ = port ? (server_.bind_to_port("127.0.0.1", port) ? port : -1) : server_.bind_to_any_port("127.0.0.1");
    if (port_ > 0) thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() { stop(); }
  void stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/out"; }
  void answer(int status) {
    std::lock_guard lock(mutex_);
    status_ = status;
  }
  // Holds every later POST this long before answering it.
  void delay(int ms) {
    std::lock_guard lock(mutex_);
    delay_ms_ = ms;
  }
  std::vector<Post> posts() const {
    std::lock_guard lock(mutex_);
    return posts_;
  }
  // POSTs of this message, and how many of them were answered with 2xx.
  int attempts(const std::string& message) const { return count(message, false); }
  int accepted(const std::string& message) const { return count(message, true); }

 private:
  int count(const std::string& message, bool only_2xx) const {
    int n = 0;
    for (const Post& p : posts())
      if (p.body.is_object() && p.body.value("message", "") == message && (!only_2xx || p.answered / 100 == 2)) ++n;
    return n;
  }
  httplib::Server server_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<Post> posts_;
  int status_ = 200;
  int delay_ms_ = 0;
  int port_ = -1;
};

// Group "sales" (auto routing) with ann online, and the webhook channel "chatapp" → `outbound_url`.
Api set_up_desk(Running& desk, const std::string& outbound_url) {
  REQUIRE(desk.admin.set_clock("2026-01-05T09:00:00Z").status == 200);
  REQUIRE(desk.admin.post("/api/v1/groups", json{{"id", "sales"}, {"name", "Sales"},
                                                 {"settings", {{"routing", "auto"}}}}).status == 201);
  REQUIRE(desk.admin.post("/api/v1/agents", json{{"id", "ann"}, {"name", "Ann Lee"}, {"groups", {"sales"}},
                                                 {"roles", {"operator"}}}).status == 201);
  Api ann = desk.user("ann", {"operator"}, "ann");
  REQUIRE(ann.put("/api/v1/agents/ann/status", json{{"status", "online"}}).status == 200);
  const Reply channel = desk.admin.post("/api/v1/channels",
                                        json{{"id", "chatapp"}, {"kind", "webhook"}, {"name", "ChatApp"},
                                             {"group", "sales"}, {"secret", kSecret}, {"outbound_url", outbound_url}});
  REQUIRE_MESSAGE(channel.status == 201, channel.describe());
  return ann;
}

std::string delivery_of(const Api& api, const std::string& chat, const std::string& message) {
  const Reply r = api.get("/api/v1/chats/" + chat);
  for (const json& item : r.body.value("timeline", json::array()))
    if (item.value("id", "") == message) return item.value("delivery", "");
  return "";
}

int copies_of(const Api& api, const std::string& chat, const std::string& text) {
  int n = 0;
  for (const json& item : api.get("/api/v1/chats/" + chat).body.value("timeline", json::array()))
    n += item.value("type", "") == "message" && item.value("text", "") == text;
  return n;
}

// Posts a correctly signed customer message and returns its session id.
std::string inbound(int port, const json& body) {
  const std::string text = body.dump(), ts = now_seconds();
  const Reply r = hook(port, text, ts, sign(kSecret, ts, text));
  REQUIRE_MESSAGE(r.status == 202, r.describe());
  return r.body["chat"].get<std::string>();
}

std::string agent_reply(const Api& ann, const std::string& chat, const std::string& text) {
  const Reply r = ann.command(json{{"type", "message.send"}, {"chat", chat}, {"from", "agent:ann"}, {"text", text}});
  REQUIRE_MESSAGE(r.status == 200, r.describe());
  return r.body["events"][0]["message"].get<std::string>();
}

}  // namespace

TEST_CASE("inbound: a signed request is stored; tampered, wrongly signed, stale and replayed ones are not") {
  Running desk;
  Api ann = set_up_desk(desk, "http://127.0.0.1:9/out");
  const int port = desk.server.port();
  const std::string body = json{{"user", "u-42"}, {"name", "Kim"}, {"text", "Hello from the app"},
                                {"message_id", "in-1"}}.dump();
  const std::string ts = now_seconds();
  const std::string good = sign(kSecret, ts, body);
  const long appended = metric(desk.admin, "parley_events_appended_total");
  const long seq = metric(desk.admin, "parley_event_log_last_seq");
  REQUIRE(appended > 0);

  auto refused = [&](const Reply& r) {
    CHECK(r.status == 401);
    CHECK(r.code() == "unauthorized");
    CHECK(metric(desk.admin, "parley_events_appended_total") == appended);
    CHECK(metric(desk.admin, "parley_event_log_last_seq") == seq);
  };
  std::string tampered = body;
  tampered.replace(tampered.find("Hello"), 5, "HELLO");
  refused(hook(port, tampered, ts, good));
  refused(hook(port, body, ts, sign("another-secret-entirely", ts, body)));
  refused(hook(port, body, ts, std::string(64, '0')));
  refused(hook(port, body, ts, ""));
  refused(hook(port, body, "", good));
  refused(hook(port, body, std::to_string(std::stoll(ts) + 1), good));  // the signature covers the timestamp
  const std::string stale = now_seconds(-400), ahead = now_seconds(400);
  refused(hook(port, body, stale, sign(kSecret, stale, body)));
  refused(hook(port, body, ahead, sign(kSecret, ahead, body)));
  CHECK(ann.get("/api/v1/agents/ann/sessions", {{"view", "mine"}}).body["total"] == 0);

  // The refused attempts did not use up the signature: the genuine request goes through once.
  const Reply stored = hook(port, body, ts, good);
  REQUIRE_MESSAGE(stored.status == 202, stored.describe());
  const std::string chat = stored.body["chat"].get<std::string>();
  const json session = desk.admin.get("/api/v1/chats/" + chat).body;
  CHECK(session["client"] == "Kim");
  CHECK(session["channel"] == "ChatApp");
  CHECK(session["assignee"] == "ann");
  CHECK(copies_of(desk.admin, chat, "Hello from the app") == 1);
  const json mine = ann.get("/api/v1/agents/ann/sessions", {{"view", "mine"}}).body;
  REQUIRE(mine["chats"].size() == 1);
  CHECK(mine["chats"][0]["id"] == chat);
  const long appended_after = metric(desk.admin, "parley_events_appended_total");
  CHECK(appended_after > appended);

  // The exact same request again is a replay.
  const Reply replay = hook(port, body, ts, good);
  CHECK(replay.status == 401);
  CHECK(metric(desk.admin, "parley_events_appended_total") == appended_after);
  CHECK(copies_of(desk.admin, chat, "Hello from the app") == 1);

  // A re-signed retry of the same message_id is accepted but stores no second copy.
  const std::string later = now_seconds(1);
  CHECK(hook(port, body, later, sign(kSecret, later, body)).status == 202);
  CHECK(copies_of(desk.admin, chat, "Hello from the app") == 1);
  CHECK(ann.get("/api/v1/agents/ann/sessions", {{"view", "mine"}}).body["total"] == 1);
}

TEST_CASE("outbound: agent replies reach the channel's URL; a failed delivery is resent exactly once") {
  auto receiver = std::make_unique<Receiver>();
  REQUIRE(receiver->port() > 0);
  Running desk;
  Api ann = set_up_desk(desk, receiver->url());
  const int port = desk.server.port();
  const std::string chat = inbound(port, json{{"user", 42}, {"name", "Kim"}, {"text", "Is it shipped?"}});

  // Delivered: the signed payload arrives and the message shows "delivered".
  const std::string first = agent_reply(ann, chat, "It ships today.");
  REQUIRE(wait_until([&] { return delivery_of(ann, chat, first) == "delivered"; }));
  REQUIRE(receiver->posts().size() == 1);
  const Receiver::Post post = receiver->posts()[0];
  CHECK(post.body == json{{"chat", chat}, {"user", "42"}, {"message", first}, {"text", "It ships today."}});
  CHECK(post.channel == "chatapp");
  CHECK(post.signature == sign(kSecret, post.timestamp, post.raw));
  CHECK(std::llabs(std::stoll(post.timestamp) - std::time(nullptr)) < 60);

  SUBCASE("the receiver answers 500") {
    receiver->answer(500);
    const std::string failed = agent_reply(ann, chat, "Tracking number follows.");
    REQUIRE(wait_until([&] { return delivery_of(ann, chat, failed) == "error"; }));
    CHECK(receiver->attempts(failed) == 1);
    CHECK(receiver->accepted(failed) == 0);
    receiver->answer(200);
    const Reply resent = ann.command(json{{"type", "message.resend"}, {"chat", chat}, {"message", failed},
                                          {"by", "agent:ann"}});
    REQUIRE_MESSAGE(resent.status == 200, resent.describe());
    REQUIRE(wait_until([&] { return delivery_of(ann, chat, failed) == "delivered"; }));
    CHECK(receiver->accepted(failed) == 1);
    // A delivered message cannot be resent: the customer never gets it twice.
    const Reply again = ann.command(json{{"type", "message.resend"}, {"chat", chat}, {"message", failed},
                                         {"by", "agent:ann"}});
    CHECK(again.status == 409);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    CHECK(receiver->accepted(failed) == 1);
    CHECK(receiver->attempts(failed) == 2);
  }
  SUBCASE("a server killed while a delivery is in flight delivers it after the restart") {
    receiver->delay(2500);
    const std::string held = agent_reply(ann, chat, "Tracking number follows.");
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    CHECK(receiver->attempts(held) == 0);  // its POST is held
    CHECK(delivery_of(ann, chat, held) == "sending");
    desk.server.kill9();
    receiver->delay(0);
    REQUIRE(desk.server.start());
    ann = Api(desk.server.port(), ann.token());  // the restarted server has another port
    REQUIRE(wait_until([&] { return delivery_of(ann, chat, held) == "delivered"; }));
    // At least once: the held POST (answered after the crash) and the one after the restart.
    CHECK(wait_until([&] { return receiver->attempts(held) == 2; }, 5000));
    CHECK(receiver->attempts(first) == 1);  // what was delivered before the crash is not sent again
  }
  SUBCASE("the receiver is down") {
    const int receiver_port = receiver->port();
    receiver.reset();
    const std::string failed = agent_reply(ann, chat, "Tracking number follows.");
    REQUIRE(wait_until([&] { return delivery_of(ann, chat, failed) == "error"; }));
    receiver = std::make_unique<Receiver>(receiver_port);
    REQUIRE(receiver->port() == receiver_port);
    CHECK(ann.command(json{{"type", "message.resend"}, {"chat", chat}, {"message", failed}, {"by", "agent:ann"}})
              .status == 200);
    REQUIRE(wait_until([&] { return delivery_of(ann, chat, failed) == "delivered"; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    CHECK(receiver->attempts(failed) == 1);
    CHECK(receiver->posts().size() == 1);  // the earlier, delivered reply is not sent again
  }
  CHECK(delivery_of(ann, chat, first) == "delivered");
}
