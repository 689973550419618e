// Hostile or sloppy requests: oversized bodies (413), deep nesting, wrong types, long strings and
// non-JSON (400) change nothing; repeated failed logins are rate limited (429).
#include <doctest/doctest.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"}
)";

long last_seq(const Api& api) {
  const std::string text = api.get("/metrics").text;
  const std::string key = "parley_event_log_last_seq ";
  const auto at = text.find(key);
  return at == std::string::npos ? -1 : std::stol(text.substr(at + key.size()));
}

std::string nested(int depth) {
  std::string text = R"({"type":"message.send","chat":"c1","from":"client","text":"x","extra":)";
  text += std::string(depth - 1, '[') + "1" + std::string(depth - 1, ']') + "}";
  return text;
}

}  // namespace

TEST_CASE("malformed requests are refused and change nothing") {
  Running desk(ClockMode::system);
  REQUIRE(run_script(desk.admin, kSetup) == "");
  const long seq = last_seq(desk.admin);
  REQUIRE(seq > 0);
  const Api& admin = desk.admin;
  const std::string long_text(20 * 1024, 'a');

  SUBCASE("a body over 1 MiB: 413") {
    const std::string huge = R"({"type":"message.send","chat":"c1","from":"client","text":")" +
                             std::string((1 << 20) + 1024, 'x') + "\"}";
    const Reply r = admin.post_raw("/api/v1/commands", huge);
    CHECK(r.status == 413);
    CHECK(r.code() == "too_large");
    CHECK(Api(desk.server.port()).post_raw("/api/v1/auth/login", huge).status == 413);
  }
  SUBCASE("JSON nested 100 deep: 400, while 10 deep is read") {
    CHECK(admin.post_raw("/api/v1/commands", nested(100)).status == 400);
    CHECK(admin.post_raw("/api/v1/commands", nested(100)).code() == "bad_command");
    CHECK(admin.post_raw("/api/v1/auth/login", nested(100)).status == 400);
    CHECK(admin.post_raw("/api/v1/commands", nested(10)).status == 200);  // the control
  }
  SUBCASE("wrong types: 400") {
    CHECK(admin.command(json{{"type", "agent.set_status"}, {"agent", 123}, {"status", "dnd"}}).status == 400);
    CHECK(admin.command(json{{"type", "agent.set_status"}, {"agent", "ann"}, {"status", true}}).status == 400);
    CHECK(admin.command(json{{"type", 7}, {"agent", "ann"}}).status == 400);
    CHECK(admin.command(json{{"type", "message.send"}, {"chat", {"c1"}}, {"from", "client"}, {"text", "x"}}).status == 400);
    CHECK(admin.post_raw("/api/v1/commands", "[1,2,3]").status == 400);
    CHECK(admin.post_raw("/api/v1/commands", "\"just a string\"").status == 400);
    CHECK(admin.post_raw("/api/v1/commands", "{\"type\":").status == 400);
    CHECK(admin.post_raw("/api/v1/commands", "").status == 400);
    CHECK(admin.post("/api/v1/users", json{{"login", "x1"}, {"password", "long-enough"}, {"roles", "admin"}}).status == 400);
    CHECK(admin.post("/api/v1/users", json{{"login", 5}, {"password", "long-enough"}, {"roles", {"admin"}}}).status == 400);
    CHECK(admin.put("/api/v1/agents/ann/status", json{{"status", 1}}).status == 400);
    CHECK(Api(desk.server.port()).post("/api/v1/auth/login", json{{"login", 1}, {"password", "x"}}).status == 400);
    CHECK(admin.get("/api/v1/agents/ann/sessions", {{"view", "everything"}}).status == 400);
  }
  SUBCASE("a 20 KiB string field: 400") {
    const Reply r = admin.command(json{{"type", "message.send"}, {"chat", "c1"}, {"from", "client"}, {"text", long_text}});
    CHECK(r.status == 400);
    CHECK(r.code() == "bad_command");
    CHECK(admin.post("/api/v1/chats/c1/messages", json{{"text", long_text}, {"by", "client"}}).status == 400);
    CHECK(admin.post("/api/v1/auth/login", json{{"login", "admin"}, {"password", long_text}}).status == 400);
    CHECK(admin.get("/api/v1/search", {{"q", std::string(300, 'q')}}).status == 400);
    const std::string fits(8 * 1024, 'b');  // the control: 8 KiB is fine
    CHECK(admin.command(json{{"type", "message.send"}, {"chat", "c1"}, {"from", "client"}, {"text", fits}}).status == 200);
  }
  // Nothing refused reached the log: at most the one control command of a subcase did.
  const long after = last_seq(desk.admin);
  CHECK(after >= seq);
  CHECK(after <= seq + 1);
  CHECK(desk.admin.get("/livez").status == 200);
}

TEST_CASE("repeated failed logins are rate limited") {
  Running desk(ClockMode::system);
  Api api(desk.server.port());
  CHECK(api.login("admin", kAdminPassword).status == 200);  // successes do not count
  for (int i = 0; i < 5; ++i) CHECK(api.login("admin", "wrong-" + std::to_string(i)).status == 401);
  const Reply limited = api.login("admin", "wrong-again");
  CHECK(limited.status == 429);
  CHECK(limited.code() == "rate_limited");
  CHECK(limited.headers.count("retry-after") == 1);
  CHECK(api.login("admin", kAdminPassword).status == 429);  // even the right password, for now
  CHECK(api.login("someone-else", "whatever").status == 401);  // other logins from that address: 20 a minute
  CHECK(desk.admin.get("/api/v1/me").status == 200);  // tokens already issued keep working
}

TEST_CASE("a template or channel id that is not a string is refused, not taken for no id") {
  Running desk;
  REQUIRE(desk.admin.post("/api/v1/groups", json{{"id", "sales"}, {"name", "Sales"}}).status == 201);
  for (const json& id : {json(7), json(true), json::array({"a"}), json::object({{"id", "x"}})}) {
    CAPTURE(id.dump());
    const Reply tpl = desk.admin.post("/api/v1/templates", json{{"id", id}, {"title", "Hi"}, {"text", "Hello"}});
    CHECK(tpl.status == 400);
    CHECK(tpl.code() == "bad_command");
    const Reply channel = desk.admin.post("/api/v1/channels", json{{"id", id}, {"kind", "widget"}, {"group", "sales"}});
    CHECK(channel.status == 400);
    CHECK(channel.code() == "bad_command");
  }
  CHECK(desk.admin.get("/api/v1/templates").body["templates"].empty());  // nothing was stored
  CHECK(desk.admin.get("/api/v1/channels").body["channels"].empty());
  CHECK(desk.admin.post("/api/v1/channels", json{{"id", "web"}, {"kind", 3}, {"group", "sales"}}).status == 400);
  const Reply named = desk.admin.post("/api/v1/templates", json{{"id", nullptr}, {"title", "Hi"}, {"text", "Hello"}});
  CHECK(named.status == 201);  // null is the same as absent: an id is made
}
