// The audit trail over REST: admin record changes and desk commands by different logins, each with its
// actor and time; the from/to/actor/chat filters and paging; no password, hash, secret or message text
// anywhere in it; 403 for non-admins, 401 without a token, 400 for bad parameters; kept over a restart.
#include <doctest/doctest.h>

#include <set>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"accept"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"sue","name":"Sue Kim","groups":["sales"],"roles":["supervisor"]}
)";

const char* const kMessageText = "the customer's code is 4711-XYZ";
const char* const kNewPassword = "ann-brand-new-password";
const char* const kChannelSecret = "webhook-secret-0123456789";

json audit(const Api& api, const std::multimap<std::string, std::string>& params = {}) {
  const Reply reply = api.get("/api/v1/audit", params);
  REQUIRE_MESSAGE(reply.status == 200, reply.describe());
  return reply.body;
}

const json* find_row(const json& entries, const std::string& action, const std::string& record) {
  for (const json& e : entries)
    if (e["action"] == action && e["record"] == record) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("the audit trail records who changed which record and who did what, and filters and pages it") {
  Running desk;
  REQUIRE(run_script(desk.admin, kSetup) == "");
  Api ann = desk.user("ann", {"operator"}, "ann");
  Api sue = desk.user("sue", {"supervisor"}, "sue");

  REQUIRE(desk.admin.set_clock("2026-01-05T09:05:00Z").status == 200);
  REQUIRE(desk.admin.post("/api/v1/templates", json{{"id", "hello"}, {"title", "Hello"}, {"text", "Hi there!"}}).status ==
          201);
  REQUIRE(desk.admin.put("/api/v1/users/ann", json{{"password", kNewPassword}}).status == 200);
  REQUIRE(desk.admin
              .post("/api/v1/channels", json{{"id", "hook"}, {"kind", "webhook"}, {"group", "sales"},
                                              {"secret", kChannelSecret}})
              .status == 201);
  REQUIRE(desk.admin.put("/api/v1/channels/hook", json{{"kind", "webhook"}, {"group", "sales"}, {"disabled", true},
                                                        {"secret", kChannelSecret}})
              .status == 200);

  REQUIRE(desk.admin.set_clock("2026-01-05T09:10:00Z").status == 200);
  REQUIRE(ann.command(json{{"type", "agent.set_status"}, {"agent", "ann"}, {"status", "online"}}).status == 200);
  REQUIRE(desk.admin
              .command(json{{"type", "chat.start"}, {"chat", "c1"}, {"group", "sales"}, {"channel", "Widget"},
                            {"client", "bob"}, {"by", "client"}})
              .status == 200);
  REQUIRE(ann.command(json{{"type", "chat.accept"}, {"chat", "c1"}, {"agent", "ann"}}).status == 200);
  REQUIRE(desk.admin.set_clock("2026-01-05T09:12:00Z").status == 200);
  REQUIRE(ann.post("/api/v1/chats/c1/messages", json{{"text", kMessageText}}).status == 200);
  REQUIRE(sue.command(json{{"type", "chat.note"}, {"chat", "c1"}, {"by", "agent:sue"}, {"text", "watch this"}}).status ==
          200);

  Api again(desk.server.port());
  REQUIRE(again.sign_in("ann", kNewPassword));
  REQUIRE(again.post("/api/v1/auth/logout", json::object()).status == 204);

  const json all = audit(desk.admin, {{"limit", "500"}});
  const json& entries = all["entries"];
  CHECK(all["next_cursor"].is_null());

  SUBCASE("record changes carry the admin, the time and a summary") {
    const json* made = find_row(entries, "user.create", "ann");
    REQUIRE(made);
    CHECK((*made)["actor"] == "admin");
    CHECK((*made)["source"] == "record");
    const json* password = find_row(entries, "user.update", "ann");
    REQUIRE(password);
    CHECK((*password)["actor"] == "admin");
    CHECK((*password)["at"] == "2026-01-05T09:05:00Z");
    CHECK((*password)["summary"] == "password changed");
    const json* tmpl = find_row(entries, "template.create", "hello");
    REQUIRE(tmpl);
    CHECK((*tmpl)["at"] == "2026-01-05T09:05:00Z");
    const json* channel = find_row(entries, "channel.update", "hook");
    REQUIRE(channel);
    CHECK((*channel)["summary"] == "disabled");
    const json* signed_in = find_row(entries, "login.sign_in", "sue");
    REQUIRE(signed_in);
    CHECK((*signed_in)["actor"] == "sue");
    const json* signed_out = find_row(entries, "login.sign_out", "ann");
    REQUIRE(signed_out);
    CHECK((*signed_out)["actor"] == "ann");
    CHECK((*signed_out)["summary"] == "signed out");
    const json* group = find_row(entries, "group.created", "sales");
    REQUIRE(group);
    CHECK((*group)["actor"] == "admin");
    CHECK((*group)["source"] == "event");
  }

  SUBCASE("desk commands carry the login that sent them and the event's own actor") {
    const json* online = find_row(entries, "agent.status_changed", "ann");
    REQUIRE(online);
    CHECK((*online)["actor"] == "ann");
    CHECK((*online)["at"] == "2026-01-05T09:10:00Z");
    const json* message = find_row(entries, "message.sent", "c1");
    REQUIRE(message);
    CHECK((*message)["actor"] == "ann");
    CHECK((*message)["by"] == "agent:ann");
    CHECK((*message)["chat"] == "c1");
    CHECK((*message)["at"] == "2026-01-05T09:12:00Z");
    const json* note = find_row(entries, "note.added", "c1");
    REQUIRE(note);
    CHECK((*note)["actor"] == "sue");
    const json* started = find_row(entries, "chat.started", "c1");
    REQUIRE(started);
    CHECK((*started)["actor"] == "admin");
    CHECK((*started)["by"] == "client");
  }

  SUBCASE("newest first, and nothing secret in it") {
    for (std::size_t i = 1; i < entries.size(); ++i)
      CHECK(*parse_utc_ms(entries[i - 1]["at"]) >= *parse_utc_ms(entries[i]["at"]));
    const std::string text = all.dump();
    for (const std::string secret : {std::string(kNewPassword), std::string(kChannelSecret), std::string(kMessageText),
                                     std::string("ann-password"), std::string("$argon2"), std::string("4711"),
                                     std::string("watch this"), ann.token(), sue.token(), again.token()})
      CHECK_MESSAGE(text.find(secret) == std::string::npos, secret);
  }

  SUBCASE("filters: actor, chat, time range") {
    const json by_ann = audit(desk.admin, {{"actor", "ann"}, {"limit", "500"}})["entries"];
    REQUIRE(!by_ann.empty());
    for (const json& e : by_ann) CHECK((e["actor"] == "ann" || e["by"] == "agent:ann"));
    CHECK(find_row(by_ann, "message.sent", "c1"));
    CHECK(find_row(by_ann, "login.sign_in", "ann"));
    CHECK_FALSE(find_row(by_ann, "template.create", "hello"));
    const json by_admin = audit(desk.admin, {{"actor", "admin"}, {"limit", "500"}})["entries"];
    CHECK(find_row(by_admin, "template.create", "hello"));
    CHECK_FALSE(find_row(by_admin, "note.added", "c1"));

    const json in_c1 = audit(desk.admin, {{"chat", "c1"}})["entries"];
    REQUIRE(in_c1.size() >= 4);
    for (const json& e : in_c1) CHECK(e["chat"] == "c1");

    const json window =
        audit(desk.admin, {{"from", "2026-01-05T09:05:00Z"}, {"to", "2026-01-05T09:10:00Z"}, {"limit", "500"}})["entries"];
    REQUIRE(!window.empty());
    for (const json& e : window) {
      CHECK(*parse_utc_ms(e["at"]) >= *parse_utc_ms("2026-01-05T09:05:00Z"));
      CHECK(*parse_utc_ms(e["at"]) < *parse_utc_ms("2026-01-05T09:10:00Z"));
    }
    CHECK(find_row(window, "template.create", "hello"));
    CHECK_FALSE(find_row(window, "message.sent", "c1"));
  }

  SUBCASE("paging walks the same rows in the same order, each once") {
    json walked = json::array();
    std::string cursor;
    int pages = 0;
    do {
      std::multimap<std::string, std::string> params{{"limit", "3"}};
      if (!cursor.empty()) params.emplace("cursor", cursor);
      const json page = audit(desk.admin, params);
      CHECK(page["entries"].size() <= 3);
      for (const json& e : page["entries"]) walked.push_back(e);
      cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
      ++pages;
    } while (!cursor.empty() && pages < 100);
    CHECK(pages > 2);
    CHECK(walked == entries);
  }

  SUBCASE("admins only; bad parameters are refused") {
    CHECK(ann.get("/api/v1/audit").status == 403);
    CHECK(sue.get("/api/v1/audit").status == 403);
    CHECK(Api(desk.server.port()).get("/api/v1/audit").status == 401);
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"from", "yesterday"}, {"to", "2026-13-01T00:00:00Z"}, {"limit", "0"}, {"limit", "501"},
             {"limit", "ten"}, {"cursor", "bogus"}, {"cursor", "12.x.3"}}) {
      CAPTURE(key);
      CAPTURE(value);
      const Reply refused = desk.admin.get("/api/v1/audit", {{key, value}});
      CHECK(refused.status == 400);
      CHECK(refused.code() == "bad_command");
    }
    const Reply backwards =
        desk.admin.get("/api/v1/audit", {{"from", "2026-01-05T10:00:00Z"}, {"to", "2026-01-05T09:00:00Z"}});
    CHECK(backwards.status == 400);
  }

  SUBCASE("kept over a restart, with the logins of the commands") {
    desk.restart();
    const json after_restart = audit(desk.admin, {{"limit", "500"}});
    CHECK(after_restart["entries"] == entries);
  }
}
