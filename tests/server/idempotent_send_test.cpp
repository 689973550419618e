// Resending a message with the same client_msg_id (a retry after a lost answer) stores it once,
// sequentially and when the copies race; the same id with other text is refused.
#include <doctest/doctest.h>

#include <thread>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"at":"2026-01-05T09:01:00Z","type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"}
)";

int copies_of(const Api& api, const std::string& id) {
  int n = 0;
  const json chat = api.get("/api/v1/chats/c1").body;
  for (const json& item : chat["timeline"])
    if (item["type"] == "message" && item["id"] == id) ++n;
  return n;
}

}  // namespace

TEST_CASE("a message resent with the same client_msg_id appears once") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  const json body{{"text", "hello there"}, {"client_msg_id", "m-1"}};

  const Reply first = ann.post("/api/v1/chats/c1/messages", body);
  REQUIRE(first.status == 200);
  REQUIRE(first.body["events"].size() == 1);
  CHECK(first.body["events"][0]["message"] == "m-1");
  const Reply again = ann.post("/api/v1/chats/c1/messages", body);
  CHECK(again.status == 200);
  CHECK(again.body["events"].empty());
  CHECK(copies_of(desk.admin, "m-1") == 1);

  const Reply changed = ann.post("/api/v1/chats/c1/messages", json{{"text", "other"}, {"client_msg_id", "m-1"}});
  CHECK(changed.status == 409);
  CHECK(changed.code() == "already_exists");
  CHECK(copies_of(desk.admin, "m-1") == 1);

  // The admin form ("by") and /commands share the ids: a resend through either is still one message.
  CHECK(desk.admin.post("/api/v1/chats/c1/messages", json{{"text", "hello there"}, {"client_msg_id", "m-1"},
                                                          {"by", "agent:ann"}}).status == 200);
  CHECK(desk.admin.command(json{{"type", "message.send"}, {"chat", "c1"}, {"from", "agent:ann"},
                                {"text", "hello there"}, {"message", "m-1"}}).status == 200);
  CHECK(copies_of(desk.admin, "m-1") == 1);

  // Without an id every send is a new message.
  CHECK(ann.post("/api/v1/chats/c1/messages", json{{"text", "twice"}}).status == 200);
  CHECK(ann.post("/api/v1/chats/c1/messages", json{{"text", "twice"}}).status == 200);
  int twice = 0;
  const json chat = desk.admin.get("/api/v1/chats/c1").body;
  for (const json& item : chat["timeline"]) twice += item.value("text", "") == "twice";
  CHECK(twice == 2);
}

TEST_CASE("racing copies of one client_msg_id store one message") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  for (int round = 0; round < 5; ++round) {
    const std::string id = "race-" + std::to_string(round);
    std::vector<std::thread> threads;
    std::vector<int> statuses(8, 0), event_counts(8, 0);
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        Api api(desk.server.port(), ann.token());
        const Reply r = api.post("/api/v1/chats/c1/messages", json{{"text", "same"}, {"client_msg_id", id}});
        statuses[t] = r.status;
        event_counts[t] = r.body.is_object() ? static_cast<int>(r.body["events"].size()) : -1;
      });
    for (auto& thread : threads) thread.join();
    CAPTURE(id);
    int created = 0;
    for (int t = 0; t < 8; ++t) {
      CHECK(statuses[t] == 200);
      created += event_counts[t];
    }
    CHECK(created == 1);  // exactly one caller saw the message.sent event
    CHECK(copies_of(desk.admin, id) == 1);
  }
}
