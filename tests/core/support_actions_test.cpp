// Unit tests of support agent actions in the core: the pattern glob, form and definition checks, the
// allowlist and address rules, and runs as events (staff only, not replies, erased with the session).
#include <doctest/doctest.h>

#include <chrono>

#include "action_wire.hpp"
#include "customer_view.hpp"
#include "desk_fixture.hpp"
#include "erasure.hpp"
#include "permissions.hpp"
#include "replica_wire.hpp"
#include "support_actions.hpp"
#include "timeline.hpp"
#include "timers.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

ActionForm order_form() {
  ActionForm form{"Order status", {}};
  form.fields.push_back(ActionField{"order", "Order number", ActionFieldType::text, true, "ORD-#####", {}});
  form.fields.push_back(ActionField{"email", "E-mail", ActionFieldType::email, false, "", {}});
  form.fields.push_back(ActionField{"speed", "Speed", ActionFieldType::choice, false, "", {"normal", "express"}});
  form.fields.push_back(ActionField{"items", "Items", ActionFieldType::number, false, "", {}});
  form.fields.push_back(ActionField{"site", "Site", ActionFieldType::url, false, "", {}});
  return form;
}

std::string problem_field(const ActionValues& values) {
  const auto problem = check_action_form(order_form(), values);
  return problem ? problem->field : "none";
}

Desk desk_with_chat() {
  Desk desk;
  desk.make_group(at_min(0), "sales", R"({"first_response_min":5})");
  desk.make_group(at_min(0), "support");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.make_agent(at_min(0), "zed", "support");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "sales");
  desk.say(at_min(2), "c1", "client", "where is my parcel?");
  return desk;
}

const char* kRun =
    R"({"type":"action.run","chat":"c1","by":"agent:ann","action":"track","name":"Track parcel","form":[{"name":"parcel","required":true}],"fields":{"parcel":"P-1"}})";

}  // namespace

TEST_CASE("patterns: ? * # classes and escapes, anchored at both ends") {
  CHECK(action_pattern_matches("ORD-#####", "ORD-12345"));
  CHECK_FALSE(action_pattern_matches("ORD-#####", "ORD-1234"));
  CHECK_FALSE(action_pattern_matches("ORD-#####", "xORD-12345"));
  CHECK(action_pattern_matches("*@example.com", "bob@example.com"));
  CHECK_FALSE(action_pattern_matches("*@example.com", "bob@example.com.evil"));
  CHECK(action_pattern_matches("[A-Z][a-z0-9_]?", "Ab1"));
  CHECK_FALSE(action_pattern_matches("[A-Z][a-z0-9_]?", "ab1"));
  CHECK(action_pattern_matches("[!0-9]*", "x99"));
  CHECK_FALSE(action_pattern_matches("[!0-9]*", "9x"));
  CHECK(action_pattern_matches("\\*#", "*7"));
  CHECK_FALSE(action_pattern_matches("\\*#", "a7"));
  CHECK(action_pattern_matches("?", "é"));  // one character, not one byte
  CHECK(action_pattern_matches("[а-я]*", "привет"));
  CHECK_FALSE(valid_action_pattern("[A-Z"));
  CHECK_FALSE(valid_action_pattern("abc\\"));
  CHECK_FALSE(valid_action_pattern("[z-a]"));
  CHECK(valid_action_pattern("[]]"));  // a ] first in a class stands for itself
}

TEST_CASE("patterns: no input makes matching slow") {
  const std::string pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
  const std::string value(kMaxActionValueBytes, 'a');
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) CHECK_FALSE(action_pattern_matches(pattern, value));
  const auto took = std::chrono::steady_clock::now() - started;
  CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(took).count() < 2000);
}

TEST_CASE("a filled-in form: the first problem names its field") {
  CHECK(problem_field({{"order", "ORD-12345"}}) == "none");
  CHECK(problem_field({}) == "order");
  CHECK(problem_field({{"order", "ORD-1"}}) == "order");
  CHECK(problem_field({{"order", "ORD-12345"}, {"email", "bob"}}) == "email");
  CHECK(problem_field({{"order", "ORD-12345"}, {"email", "bob@example.com"}}) == "none");
  CHECK(problem_field({{"order", "ORD-12345"}, {"speed", "overnight"}}) == "speed");
  CHECK(problem_field({{"order", "ORD-12345"}, {"items", "1e3"}}) == "items");
  CHECK(problem_field({{"order", "ORD-12345"}, {"items", "-1.5"}}) == "none");
  CHECK(problem_field({{"order", "ORD-12345"}, {"site", "ftp://x"}}) == "site");
  CHECK(problem_field({{"order", "ORD-12345"}, {"site", "https://shop.example.com/a?b=1"}}) == "none");
  CHECK(problem_field({{"order", "ORD-12345"}, {"nope", "x"}}) == "nope");
  CHECK(problem_field({{"order", std::string(kMaxActionValueBytes + 1, '1')}}) == "order");
  const auto problem = check_action_form(order_form(), {});
  REQUIRE(problem);
  CHECK(problem->message == "field 'order' is required");
}

TEST_CASE("a definition: each bad part named") {
  ActionDefinition d{"track", order_form(), "https://api.example.com/track", "POST", {{"X-Api-Key", "s3cret"}}};
  CHECK_FALSE(check_action_definition(d));
  auto with = [&](auto change) {
    ActionDefinition copy = d;
    change(copy);
    const auto error = check_action_definition(copy);
    return error ? error->message : std::string("ok");
  };
  CHECK(with([](ActionDefinition& x) { x.id = "a b"; }).find("action id") != std::string::npos);
  CHECK(with([](ActionDefinition& x) { x.endpoint = "ftp://x"; }).find("endpoint") != std::string::npos);
  CHECK(with([](ActionDefinition& x) { x.endpoint = "https://user:pw@x.example"; }).find("endpoint") != std::string::npos);
  CHECK(with([](ActionDefinition& x) { x.method = "GET"; }).find("method") != std::string::npos);
  CHECK(with([](ActionDefinition& x) { x.headers.push_back({"Host", "evil"}); }).find("Host") != std::string::npos);
  CHECK(with([](ActionDefinition& x) { x.headers.push_back({"X-A", "a\r\nB: b"}); }).find("X-A") != std::string::npos);
  CHECK(with([](ActionDefinition& x) { x.headers.push_back({"x-api-key", "again"}); }).find("twice") != std::string::npos);
  CHECK(with([](ActionDefinition& x) { x.form.fields[0].pattern = "[a-"; }).find("'order'") != std::string::npos);
  CHECK(with([](ActionDefinition& x) { x.form.fields[1].options = {"a"}; }).find("'email'") != std::string::npos);
}

TEST_CASE("definitions as JSON: agents see the form only, admins header names with masked values") {
  const Json body{{"id", "track"},
                  {"name", "Track"},
                  {"endpoint", "https://api.example.com/t"},
                  {"fields", Json::array({Json{{"name", "parcel"}, {"required", true}}})},
                  {"headers", Json{{"X-Api-Key", "s3cret"}}}};
  const auto d = action_definition_from_json(body);
  REQUIRE(d.ok());
  CHECK(d.value().headers == std::vector<std::pair<std::string, std::string>>{{"X-Api-Key", "s3cret"}});
  const std::string runnable = action_definition_to_json(d.value(), ActionView::runnable).dump();
  const std::string admin = action_definition_to_json(d.value(), ActionView::admin).dump();
  CHECK(runnable.find("s3cret") == std::string::npos);
  CHECK(runnable.find("X-Api-Key") == std::string::npos);
  CHECK(runnable.find("api.example.com") == std::string::npos);
  CHECK(admin.find("s3cret") == std::string::npos);
  CHECK(admin.find("X-Api-Key") != std::string::npos);
  // A header sent back as null keeps the stored value; unknown ones need a value.
  const Json resent{{"name", "Track"}, {"endpoint", "https://api.example.com/t"}, {"headers", Json{{"X-Api-Key", nullptr}}}};
  const auto kept = action_definition_from_json(resent, &d.value());
  REQUIRE(kept.ok());
  CHECK(kept.value().headers[0].second == "s3cret");
  CHECK_FALSE(action_definition_from_json(resent).ok());
}

TEST_CASE("the allowlist: https by host and port; plain http only where an entry names it") {
  const std::vector<std::string> list{"api.example.com", "https://pay.example.com:8443", "http://10.0.0.5:8080"};
  CHECK_FALSE(check_allowlist(list));
  CHECK(check_allowlist({"ftp://x"}));
  CHECK(check_allowlist({"https://x/path"}));
  CHECK(endpoint_allowed("https://api.example.com/v1/track", list));
  CHECK(endpoint_allowed("https://API.Example.com:443/", list));
  CHECK_FALSE(endpoint_allowed("https://api.example.com:444/", list));
  CHECK_FALSE(endpoint_allowed("http://api.example.com/", list));
  CHECK(endpoint_allowed("https://pay.example.com:8443/x", list));
  CHECK_FALSE(endpoint_allowed("https://pay.example.com/x", list));
  CHECK(endpoint_allowed("http://10.0.0.5:8080/hook", list));
  CHECK_FALSE(endpoint_allowed("https://10.0.0.5:8080/hook", list));
  CHECK_FALSE(endpoint_allowed("https://evil.example.com/", list));
  CHECK_FALSE(endpoint_allowed("https://api.example.com.evil.net/", list));
  CHECK(*endpoint_refusal("http://api.example.com/", list) == "plain http to api.example.com needs an allowlist entry naming http://");
}

TEST_CASE("addresses: private, loopback, link-local and unspecified refused unless listed exactly") {
  const std::vector<std::string> none;
  for (const char* ip : {"127.0.0.1", "127.8.9.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                         "169.254.169.254", "0.0.0.0", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
                         "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "255.255.255.255", "not-an-ip"})
    CHECK_MESSAGE(!address_allowed(ip, none), ip);
  for (const char* ip : {"93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"})
    CHECK_MESSAGE(address_allowed(ip, none), ip);
  const std::vector<std::string> sink{"http://127.0.0.1:9000"};
  CHECK(address_allowed("127.0.0.1", sink));
  CHECK(address_allowed("::ffff:127.0.0.1", sink));
  CHECK_FALSE(address_allowed("127.0.0.2", sink));
  CHECK_FALSE(address_allowed("169.254.169.254", sink));
  // A host name on the list allows the host, not whatever private address it resolves to.
  CHECK_FALSE(address_allowed("127.0.0.1", {"http://localhost:9000"}));
}

TEST_CASE("answers are clipped to the limit on a character boundary, bad bytes replaced") {
  CHECK(clip_action_text("short") == "short");
  CHECK(clip_action_text("a\xff" "b") == "a\xEF\xBF\xBD" "b");
  const std::string long_text(kMaxActionAnswerBytes, 'x');
  CHECK(clip_action_text(long_text) == long_text);
  const std::string clipped = clip_action_text(long_text + "y");
  CHECK(clipped.size() <= kMaxActionAnswerBytes);
  CHECK(clipped.substr(clipped.size() - 3) == "\u2026");
  std::string accents;
  while (accents.size() < kMaxActionAnswerBytes + 10) accents += "\u00e9";
  const std::string cut = clip_action_text(accents);
  CHECK(cut.size() <= kMaxActionAnswerBytes);
  CHECK(cut.substr(0, cut.size() - 3).size() % 2 == 0);
}

TEST_CASE("a run and its outcome: staff only, not a reply, in the timeline") {
  Desk desk = desk_with_chat();
  const Timestamp sla_before = timer_due(desk.state, desk.state.chat_ix("c1"), TimerKind::sla);
  const int unread = desk.chat("c1").unread;
  const Timestamp activity = desk.chat("c1").last_activity;
  const Outcome started = desk.ok(at_min(3), kRun);
  REQUIRE(started.events.size() == 1);
  CHECK(event_type(started.events[0].body) == "action.started");
  CHECK_FALSE(customer_sees(started.events[0].body));
  const Outcome finished = desk.ok(
      at_min(4), R"({"type":"action.finish","chat":"c1","run":"c1/a1","outcome":"ok","text":"In transit"})");
  REQUIRE(finished.events.size() == 1);
  CHECK_FALSE(customer_sees(finished.events[0].body));
  const Chat& chat = desk.chat("c1");
  CHECK(timer_due(desk.state, desk.state.chat_ix("c1"), TimerKind::sla) == sla_before);
  CHECK(chat.unread == unread);
  CHECK(chat.last_activity == activity);
  REQUIRE(chat.action_runs.size() == 1);
  CHECK(chat.action_runs[0].outcome == ActionOutcome::ok);
  CHECK(chat.action_runs[0].finished_at == at_min(4));
  const auto items = timeline(desk.state, chat);
  CHECK(items.back().kind == TimelineItem::Kind::action);
  CHECK(items.back().text == "Track parcel \u00b7 run by ann Name");
  const Json json = chat_to_json(desk.state, chat, ChatDetail::with_timeline);
  CHECK(json["timeline"].back()["type"] == "action");
  CHECK(json["timeline"].back()["text"] == "In transit");
  CHECK(json["timeline"].back()["fields"]["parcel"] == "P-1");
  // The generic command routes never take runs or outcomes, not even from admins.
  const Login admin{kNoIndex, kRoleAdmin};
  CHECK(may_submit(admin, desk.state, test::parse_command(kRun)).has_value());
}

TEST_CASE("outcomes: once, within the size limit, ok or error") {
  Desk desk = desk_with_chat();
  desk.ok(at_min(3), kRun);
  const std::string big(kMaxActionAnswerBytes + 1, 'x');
  CHECK(desk.refusal(at_min(4), R"({"type":"action.finish","chat":"c1","run":"c1/a1","outcome":"ok","text":")" + big +
                                    "\"}") == "bad_command");
  CHECK(desk.refusal(at_min(4), R"({"type":"action.finish","chat":"c1","run":"c1/a1","outcome":"pending"})") ==
        "bad_command");
  CHECK(desk.refusal(at_min(4), R"({"type":"action.finish","chat":"c1","run":"c1/a9","outcome":"ok"})") ==
        "unknown_action");
  CHECK(desk.refusal(at_min(4), R"({"type":"action.finish","chat":"c1","run":"c1/a1","outcome":"error","text":"x"})") ==
        "accepted");
  CHECK(desk.refusal(at_min(5), R"({"type":"action.finish","chat":"c1","run":"c1/a1","outcome":"ok"})") == "bad_state");
  CHECK(desk.chat("c1").action_runs[0].outcome == ActionOutcome::error);
}

TEST_CASE("runs travel in replica snapshots and are erased with the session's content") {
  Desk desk = desk_with_chat();
  desk.ok(at_min(3), kRun);
  desk.ok(at_min(4), R"({"type":"action.finish","chat":"c1","run":"c1/a1","outcome":"ok","text":"In transit"})");
  ChatSnapshot snapshot;
  snapshot.chat = desk.chat("c1");
  snapshot.group = "sales";
  const auto read = replica_item_from_json(replica_item_to_json(ReplicaItem{snapshot}));
  REQUIRE(read.ok());
  const auto* back = std::get_if<ChatSnapshot>(&read.value());
  REQUIRE(back != nullptr);
  CHECK(back->chat.action_runs == desk.chat("c1").action_runs);
  Chat copy = desk.chat("c1");
  erase_chat_content(copy);
  CHECK(copy.action_runs[0].fields.empty());
  CHECK(copy.action_runs[0].text.empty());
  for (Event event : desk.log) {
    redact_event_content(event);
    const std::string text = event_to_json(event).dump();
    CHECK(text.find("In transit") == std::string::npos);
    CHECK(text.find("P-1") == std::string::npos);
  }
}
