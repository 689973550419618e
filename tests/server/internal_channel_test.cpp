// Internal channels: staff writing for a customer from the app. An agent message in an internal
// session is delivered once stored (no channel will ever report it), across a restart too; widget
// sessions still wait for their channel. Channel ids and new desk ids follow core/ids.hpp.
#include <doctest/doctest.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"accept"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
)";

std::string delivery_of(const Api& api, const std::string& chat, const std::string& message) {
  const Reply reply = api.get("/api/v1/chats/" + chat);
  REQUIRE_MESSAGE(reply.status == 200, reply.describe());
  for (const json& item : reply.body["timeline"])
    if (item["type"] == "message" && item["id"] == message) return item.value("delivery", "");
  return "no message";
}

}  // namespace

TEST_CASE("an internal channel's agent messages are delivered once stored") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  const Reply channel = desk.admin.post(
      "/api/v1/channels", json{{"id", "staff"}, {"kind", "internal"}, {"name", "Staff desk"}, {"group", "sales"}});
  REQUIRE_MESSAGE(channel.status == 201, channel.describe());
  CHECK(channel.body["kind"] == "internal");
  bool listed = false;
  const Reply channels = desk.admin.get("/api/v1/channels");
  for (const json& c : channels.body["channels"])
    listed = listed || (c["id"] == "staff" && c["kind"] == "internal");
  CHECK(listed);

  Api ann = desk.user("ann", {"operator"}, "ann");
  const Reply started = ann.command(json{{"type", "chat.start"}, {"chat", "i1"}, {"group", "sales"},
                                         {"channel", "Staff desk"}, {"channel_kind", "internal"},
                                         {"client", "Walk-in customer"}, {"by", "agent:ann"}});
  REQUIRE_MESSAGE(started.status == 200, started.describe());
  const Reply sent = ann.post("/api/v1/chats/i1/messages", json{{"text", "noted by phone"}, {"client_msg_id", "n1"}});
  REQUIRE_MESSAGE(sent.status == 200, sent.describe());
  REQUIRE(sent.body["events"].size() == 2);
  CHECK(sent.body["events"][0]["type"] == "message.sent");
  CHECK(sent.body["events"][1]["type"] == "message.delivery_changed");
  CHECK(sent.body["events"][1]["status"] == "delivered");
  CHECK(delivery_of(desk.admin, "i1", "n1") == "delivered");

  // A widget session's agent message still waits for its channel to report.
  REQUIRE(run_script(desk.admin, R"(
{"type":"chat.start","chat":"w1","group":"sales","channel":"Widget","client":"bob","by":"client"}
{"type":"chat.accept","chat":"w1","agent":"ann"}
)") == "");
  REQUIRE(ann.post("/api/v1/chats/w1/messages", json{{"text", "hello"}, {"client_msg_id", "h1"}}).status == 200);
  CHECK(delivery_of(desk.admin, "w1", "h1") == "sending");

  desk.restart();
  CHECK(delivery_of(desk.admin, "i1", "n1") == "delivered");
  CHECK(delivery_of(desk.admin, "w1", "h1") == "sending");
}

TEST_CASE("ids outside the URL-safe alphabet are refused, so every stored id has a route") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  for (const char* bad : {"a/b", "a b", "..", "ann@example.com"}) {
    const Reply channel = desk.admin.post(
        "/api/v1/channels", json{{"id", bad}, {"kind", "internal"}, {"name", "Staff"}, {"group", "sales"}});
    CHECK_MESSAGE(channel.status == 400, bad);
    CHECK(channel.code() == "bad_command");
  }
  const Reply chat = desk.admin.command(json{{"type", "chat.start"}, {"chat", "a/b c"}, {"group", "sales"},
                                             {"channel", "Widget"}, {"client", "bob"}, {"by", "client"}});
  CHECK(chat.status == 400);
  CHECK(chat.code() == "bad_command");
  const Reply group = desk.admin.command(json{{"type", "group.create"}, {"group", "eu sales"}});
  CHECK(group.code() == "bad_command");
  const Reply ok = desk.admin.command(json{{"type", "chat.start"}, {"chat", "a.b_c~d-e"}, {"group", "sales"},
                                           {"channel", "Widget"}, {"client", "bob"}, {"by", "client"}});
  REQUIRE(ok.status == 200);
  CHECK(desk.admin.get("/api/v1/chats/a.b_c~d-e").status == 200);
}
