// Support agent actions over HTTP with a local sink standing in for the outside service: an answer
// reaches the session as a staff-only run outcome; a slow endpoint times out and a failing one is
// tried once more, then both show as errors; an oversize answer is refused; loopback, link-local and a
// name that resolves to loopback are never called unless that exact address is allowlisted. Header
// secrets never leave the server; only admins define actions; another group's operator cannot run one.
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"group.create","group":"support","name":"Support","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"zed","name":"Zed Zo","groups":["support"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"Bob","by":"client"}
{"type":"message.send","chat":"c1","from":"client","text":"where is ORD-12345?"}
)";

constexpr int kTimeoutMs = 400;

// The outside service: /ok answers, /slow answers too late, /fail answers 500, /big answers 70 KiB,
// /first-hangs answers only from its second call on.
class Sink {
 public:
  Sink() {
    server_.Post("/ok", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.set_content(R"({"text":"ORD-12345 shipped on 2 January"})", "application/json");
    });
    server_.Post("/slow", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      std::this_thread::sleep_for(std::chrono::milliseconds(kTimeoutMs * 3));
      res.set_content("too late", "text/plain");
    });
    server_.Post("/fail", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.status = 500;
      res.set_content("broken", "text/plain");
    });
    server_.Post("/first-hangs", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      if (calls("/first-hangs") == 1) std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content(R"({"text":"done"})", "application/json");
    });
    server_.Post("/big", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.set_content(std::string(70 * 1024, 'x'), "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    server_.wait_until_ready();
  }
  ~Sink() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  int calls(const std::string& path) {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& r : requests_) n += r.path == path;
    return n;
  }
  int total() {
    std::lock_guard lock(mutex_);
    return static_cast<int>(requests_.size());
  }
  httplib::Request last(const std::string& path) {
    std::lock_guard lock(mutex_);
    for (auto it = requests_.rbegin(); it != requests_.rend(); ++it)
      if (it->path == path) return *it;
    return {};
  }

 private:
  void record(const httplib::Request& req) {
    std::lock_guard lock(mutex_);
    requests_.push_back(req);
  }
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::vector<httplib::Request> requests_;
};

json action(const std::string& id, const std::string& endpoint) {
  return json{{"id", id},
              {"name", "Order status"},
              {"endpoint", endpoint},
              {"fields", json::array({json{{"name", "order"}, {"label", "Order"}, {"required", true}, {"pattern", "ORD-#####"}}})},
              {"headers", json{{"X-Api-Key", "s3cret-key"}}}};
}

// The run's item in the session's timeline once it has an outcome (null if it never gets one).
json outcome(const Api& api, const std::string& chat, const std::string& run) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    const Reply view = api.get("/api/v1/chats/" + chat);
    if (view.status == 200)
      for (const json& item : view.body["timeline"])
        if (item.value("type", "") == "action" && item.value("id", "") == run && item.value("outcome", "") != "pending")
          return item;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return nullptr;
}

std::string run(const Api& api, const std::string& action_id, const json& fields = json{{"order", "ORD-12345"}}) {
  const Reply started = api.post("/api/v1/chats/c1/actions/" + action_id, json{{"fields", fields}});
  REQUIRE_MESSAGE(started.status == 202, started.describe());
  return started.body.value("run", "");
}

}  // namespace

TEST_CASE("support agent actions: calls, failures, refusals and secrets") {
  Sink sink;
  Running desk(ClockMode::manual, {"--action-timeout-ms", std::to_string(kTimeoutMs)});
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api zed = desk.user("zed", {"operator"}, "zed");
  const std::string base = "http://127.0.0.1:" + std::to_string(sink.port());
  const std::string by_name = "http://localhost:" + std::to_string(sink.port());
  REQUIRE(desk.admin.put("/api/v1/actions/allowlist", json{{"entries", json::array({base, by_name})}}).status == 200);
  for (const auto& [id, endpoint] : {std::pair{"status", base + "/ok"}, {"slow", base + "/slow"}, {"fail", base + "/fail"},
                                     {"big", base + "/big"}, {"metadata", std::string("http://169.254.169.254/latest/meta-data/")},
                                     {"unlisted", "http://127.0.0.2:" + std::to_string(sink.port()) + "/ok"},
                                     {"by-name", by_name + "/ok"}}) {
    const Reply made = desk.admin.post("/api/v1/actions", action(id, endpoint));
    REQUIRE_MESSAGE(made.status == 201, made.describe());
  }

  SUBCASE("an answer reaches the session as the run's outcome, with the definition's headers") {
    const std::string id = run(ann, "status");
    CHECK(id == "c1/a1");
    const json item = outcome(ann, "c1", id);
    REQUIRE(item.is_object());
    CHECK(item["outcome"] == "ok");
    CHECK(item["text"] == "ORD-12345 shipped on 2 January");
    CHECK(item["by"] == "ann");
    const httplib::Request call = sink.last("/ok");
    CHECK(call.get_header_value("X-Api-Key") == "s3cret-key");
    const json body = json::parse(call.body, nullptr, false);
    CHECK(body == json{{"chat", "c1"}, {"action", "status"}, {"agent", "ann"}, {"fields", {{"order", "ORD-12345"}}}, {"run", id}});
    // Staff only: the customer's view of the session has no trace of it.
    const Reply chat = ann.get("/api/v1/chats/c1");
    CHECK(chat.body["unread"] == 1);
  }

  SUBCASE("a slow endpoint times out, a failing one is tried once more; both end as errors") {
    const json slow = outcome(ann, "c1", run(ann, "slow"));
    REQUIRE(slow.is_object());
    CHECK(slow["outcome"] == "error");
    CHECK(slow["text"].get<std::string>().find("did not answer within 400 ms") != std::string::npos);
    CHECK(sink.calls("/slow") == 2);
    const json fail = outcome(ann, "c1", run(ann, "fail"));
    REQUIRE(fail.is_object());
    CHECK(fail["outcome"] == "error");
    CHECK(fail["text"] == "the endpoint answered 500 (tried twice)");
    CHECK(sink.calls("/fail") == 2);
  }

  SUBCASE("an answer over the size limit is an error, not tried again") {
    const json big = outcome(ann, "c1", run(ann, "big"));
    REQUIRE(big.is_object());
    CHECK(big["outcome"] == "error");
    CHECK(big["text"] == "answer too large (over 64 KiB)");
    CHECK(sink.calls("/big") == 1);
  }

  SUBCASE("link-local, an unlisted loopback address and a name resolving to loopback are never called") {
    const json metadata = outcome(ann, "c1", run(ann, "metadata"));
    REQUIRE(metadata.is_object());
    CHECK(metadata["outcome"] == "error");
    CHECK(metadata["text"].get<std::string>().find("169.254.169.254 is not on the allowlist") != std::string::npos);
    const json unlisted = outcome(ann, "c1", run(ann, "unlisted"));
    REQUIRE(unlisted.is_object());
    CHECK(unlisted["text"].get<std::string>().find("127.0.0.2 is not on the allowlist") != std::string::npos);
    CHECK(sink.total() == 0);
    // localhost on the list by name, but not the loopback address it resolves to: never called.
    REQUIRE(desk.admin.put("/api/v1/actions/allowlist", json{{"entries", json::array({by_name})}}).status == 200);
    const json named = outcome(ann, "c1", run(ann, "by-name"));
    REQUIRE(named.is_object());
    CHECK(named["outcome"] == "error");
    CHECK(named["text"].get<std::string>().find("localhost resolves to") != std::string::npos);
    CHECK(sink.total() == 0);
    // Nor is 127.0.0.1 itself, now that no entry names it.
    const json status = outcome(ann, "c1", run(ann, "status"));
    REQUIRE(status.is_object());
    CHECK(status["text"].get<std::string>().find("127.0.0.1 is not on the allowlist") != std::string::npos);
    CHECK(sink.total() == 0);
  }

  SUBCASE("a bad form is refused naming the field, and nothing is run") {
    const Reply missing = ann.post("/api/v1/chats/c1/actions/status", json{{"fields", json::object()}});
    CHECK(missing.status == 400);
    CHECK(missing.body["error"]["message"] == "field 'order' is required");
    const Reply wrong = ann.post("/api/v1/chats/c1/actions/status", json{{"fields", {{"order", "12345"}}}});
    CHECK(wrong.body["error"]["message"] == "field 'order' must look like ORD-#####");
    CHECK(ann.post("/api/v1/chats/c1/actions/nope", json{{"fields", json::object()}}).code() == "unknown_action");
    CHECK(ann.post("/api/v1/chats/c9/actions/status", json{{"fields", json::object()}}).code() == "unknown_chat");
    CHECK(ann.post("/api/v1/commands", json{{"type", "action.finish"}, {"chat", "c1"}, {"run", "c1/a1"}, {"outcome", "ok"}})
              .code() == "forbidden");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(sink.total() == 0);
  }

  SUBCASE("another group's operator can neither see nor run; only admins define; secrets stay hidden") {
    CHECK(zed.post("/api/v1/chats/c1/actions/status", json{{"fields", {{"order", "ORD-12345"}}}}).code() == "unknown_chat");
    CHECK(ann.post("/api/v1/actions", action("mine", base + "/ok")).status == 403);
    CHECK(ann.put("/api/v1/actions/status", action("status", base + "/ok")).status == 403);
    CHECK(ann.remove("/api/v1/actions/status").status == 403);
    CHECK(ann.get("/api/v1/actions/allowlist").status == 403);
    CHECK(ann.put("/api/v1/actions/allowlist", json{{"entries", json::array()}}).status == 403);
    const Reply listed = ann.get("/api/v1/actions");
    REQUIRE(listed.status == 200);
    CHECK(listed.body["actions"].size() == 7);
    CHECK(listed.text.find("s3cret-key") == std::string::npos);
    CHECK(listed.text.find("X-Api-Key") == std::string::npos);
    CHECK(listed.text.find("127.0.0.1") == std::string::npos);
    CHECK(ann.get("/api/v1/actions/status").text.find("X-Api-Key") == std::string::npos);
    const Reply admin_view = desk.admin.get("/api/v1/actions/status");
    CHECK(admin_view.body["headers"] == json{{"X-Api-Key", "********"}});
    CHECK(admin_view.text.find("s3cret-key") == std::string::npos);
    // An admin resending the masked form as null keeps the secret.
    json resent = action("status", base + "/ok");
    resent["name"] = "Order status v2";
    resent["headers"] = json{{"X-Api-Key", nullptr}};
    REQUIRE(desk.admin.put("/api/v1/actions/status", resent).status == 200);
    const json item = outcome(ann, "c1", run(ann, "status"));
    REQUIRE(item.is_object());
    CHECK(sink.last("/ok").get_header_value("X-Api-Key") == "s3cret-key");
    CHECK(item["name"] == "Order status v2");
    // Bad definitions and allowlists are refused naming what is wrong, and change nothing.
    CHECK(desk.admin.post("/api/v1/actions", action("bad", "ftp://x")).body["error"]["message"].get<std::string>().find(
              "endpoint") != std::string::npos);
    CHECK(desk.admin.put("/api/v1/actions/allowlist", json{{"entries", json::array({"ftp://x"})}}).status == 400);
    CHECK(desk.admin.get("/api/v1/actions/allowlist").body["entries"].size() == 2);
    // Each change is in the audit trail.
    const Reply audit = desk.admin.get("/api/v1/audit");
    CHECK(audit.text.find("\"action_allowlist\"") != std::string::npos);
    CHECK(audit.text.find("Order status v2") != std::string::npos);
  }
}

TEST_CASE("a run under way when the server dies is called again after the restart, and finishes once") {
  Sink sink;
  Running desk(ClockMode::manual, {"--action-timeout-ms", "5000"});
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  const std::string base = "http://127.0.0.1:" + std::to_string(sink.port());
  REQUIRE(desk.admin.put("/api/v1/actions/allowlist", json{{"entries", json::array({base})}}).status == 200);
  REQUIRE(desk.admin.post("/api/v1/actions", action("hang", base + "/first-hangs")).status == 201);
  const std::string id = run(ann, "hang");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (sink.calls("/first-hangs") == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(sink.calls("/first-hangs") == 1);
  desk.server.kill9();
  REQUIRE(desk.server.start());
  const Api again(desk.server.port(), ann.token());
  const json item = outcome(again, "c1", id);
  REQUIRE(item.is_object());
  CHECK(item["outcome"] == "ok");
  CHECK(item["text"] == "done");
  CHECK(sink.calls("/first-hangs") == 2);
  // Another restart finds it finished and calls nothing.
  desk.restart();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(sink.calls("/first-hangs") == 2);
}
