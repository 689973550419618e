// An idempotency key of the wrong type (client_msg_id: 7) is a 400 bad_command that stores nothing, on
// every route that takes one, instead of being read as "no key" (which let a retry duplicate).
#include <doctest/doctest.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSecret = "idempotency-test-secret";

const char* const kSetup = R"(
{"type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"}
)";

long last_seq(const Api& api) {
  const std::string text = api.get("/metrics").text;
  const std::string key = "parley_event_log_last_seq ";
  const auto at = text.find(key);
  return at == std::string::npos ? -1 : std::stol(text.substr(at + key.size()));
}

std::string sign(const std::string& timestamp, const std::string& body) {
  return webhook_signature(kSecret, timestamp, body);
}

Reply hook(int port, const json& body) {
  const std::string text = body.dump(), ts = std::to_string(std::time(nullptr));
  Api api(port);
  api.set_header("X-Parley-Timestamp", ts);
  api.set_header("X-Parley-Signature", sign(ts, text));
  return api.post_raw("/hooks/v1/chatapp", text);
}

const json kWrongTypes[] = {7, 7.5, true, json::array({"m"}), json{{"id", "m"}}};

}  // namespace

TEST_CASE("a wrong type for an idempotency key is a 400 that stores nothing") {
  Running desk(ClockMode::system);
  REQUIRE(run_script(desk.admin, kSetup) == "");
  REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "site"}, {"kind", "widget"}, {"name", "Website"},
                                                   {"group", "sales"}, {"origins", {"*"}}}).status == 201);
  REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "chatapp"}, {"kind", "webhook"}, {"name", "ChatApp"},
                                                   {"group", "sales"}, {"secret", kSecret}}).status == 201);
  const int port = desk.server.port();
  Api visitor(port);
  const Reply started = visitor.post("/widget/v1/site/sessions", json{{"name", "Vera"}});
  REQUIRE_MESSAGE(started.status == 201, started.describe());
  visitor.set_token(started.body["token"].get<std::string>());
  const long seq = last_seq(desk.admin);

  for (const json& key : kWrongTypes) {
    CAPTURE(key.dump());
    const Reply rest = desk.admin.post("/api/v1/chats/c1/messages", json{{"text", "hi"}, {"by", "client"},
                                                                         {"client_msg_id", key}});
    CHECK(rest.status == 400);
    CHECK(rest.code() == "bad_command");
    const Reply command = desk.admin.command(json{{"type", "message.send"}, {"chat", "c1"}, {"from", "client"},
                                                  {"text", "hi"}, {"message", key}});
    CHECK(command.status == 400);
    const Reply widget = visitor.post("/widget/v1/messages", json{{"text", "hi"}, {"client_msg_id", key}});
    CHECK(widget.status == 400);
    CHECK(widget.code() == "bad_command");
    if (!key.is_number_integer()) {  // a webhook's message_id may be an integer, like its user
      const Reply hooked = hook(port, json{{"user", "u-1"}, {"text", "hi"}, {"message_id", key}});
      CHECK(hooked.status == 400);
      CHECK(hooked.code() == "bad_command");
    }
  }
  CHECK(last_seq(desk.admin) == seq);

  // The controls: a string key makes a retry store nothing more, and null means "no key".
  const json send{{"text", "once"}, {"by", "client"}, {"client_msg_id", "k-1"}};
  REQUIRE(desk.admin.post("/api/v1/chats/c1/messages", send).status == 200);
  const long after_one = last_seq(desk.admin);
  CHECK(desk.admin.post("/api/v1/chats/c1/messages", send).status == 200);
  CHECK(last_seq(desk.admin) == after_one);
  CHECK(desk.admin.post("/api/v1/chats/c1/messages", json{{"text", "x"}, {"by", "client"}, {"client_msg_id", nullptr}})
            .status == 200);
  REQUIRE(visitor.post("/widget/v1/messages", json{{"text", "hello"}, {"client_msg_id", "w-1"}}).status == 200);
  const long after_widget = last_seq(desk.admin);
  CHECK(visitor.post("/widget/v1/messages", json{{"text", "hello"}, {"client_msg_id", "w-1"}}).status == 200);
  CHECK(last_seq(desk.admin) == after_widget);
  REQUIRE(hook(port, json{{"user", "u-1"}, {"text", "numbered"}, {"message_id", 7}}).status == 202);
  const long after_hook = last_seq(desk.admin);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // another second: a new signature
  CHECK(hook(port, json{{"user", "u-1"}, {"text", "numbered"}, {"message_id", 7}}).status == 202);
  CHECK(last_seq(desk.admin) == after_hook);
}
