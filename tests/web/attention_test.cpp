// Attention decisions natively: which replica changes raise an alert (new waiting session in the
// agent's groups, a session given to the agent, reminders while one is unread), the count, the alert
// settings' JSON, and the sessions behind the Missed counter with the timer that took them.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "attention.hpp"
#include "engine.hpp"
#include "stats.hpp"
#include "views.hpp"

using namespace parley;
using namespace parley::web;

namespace {

const Timestamp T0 = *parse_rfc3339("2026-01-05T09:00:00Z");

struct Desk {
  State state;
  Timestamp at = T0;
  void run(const Command& command, Duration after = 0) {
    at += after;
    const Outcome outcome = handle(state, command, at);
    REQUIRE_MESSAGE(!outcome.error, (outcome.error ? outcome.error->message : ""));
  }
  AgentIx ann() const { return state.agent_ix("ann"); }
};

Actor client() { return Actor{ActorKind::client, {}}; }

// ann works "sales" (accept: sessions wait) and "auto" (routed); "other" is not hers.
void desk_setup(Desk& d) {
  GroupSettings accept;
  accept.routing = Routing::accept;
  d.run(CreateGroup{"sales", "Sales", accept});
  d.run(CreateGroup{"auto", "Auto", {}});
  d.run(CreateGroup{"other", "Other", accept});
  d.run(CreateAgent{"ann", "Ann Lee", "Ann", {"sales", "auto"}, kRoleOperator});
  d.run(CreateAgent{"zed", "Zed Zo", "", {"other"}, kRoleOperator});
  d.run(SetAgentStatus{"ann", AgentStatus::online}, kMinute);
}

std::vector<AlertKind> kinds(const AttentionFrame& f) {
  std::vector<AlertKind> out;
  for (const Alert& a : f.alerts) out.push_back(a.kind);
  return out;
}

}  // namespace

TEST_CASE("new waiting sessions in the agent's groups and sessions given to the agent alert once") {
  Desk d;
  desk_setup(d);
  const AttentionSettings s;
  AttentionWatch watch;
  Timestamp wall = 1'000'000;
  d.run(StartChat{"c0", "sales", "Widget", "Early", client()});
  // The first look records what is there.
  CHECK(watch_attention(watch, d.state, d.ann(), s, wall).alerts.empty());

  d.run(StartChat{"c1", "sales", "Widget", "Bob", client()}, kSecond);
  d.run(SendMessage{"c1", client(), "Is the blue one in stock?", {}}, kSecond);
  d.run(StartChat{"c2", "other", "Widget", "Not hers", client()}, kSecond);
  AttentionFrame f = watch_attention(watch, d.state, d.ann(), s, wall += 100);
  REQUIRE(kinds(f) == std::vector<AlertKind>{AlertKind::waiting});
  CHECK(f.alerts[0].chat == "c1");
  CHECK(f.alerts[0].title == "Waiting: #2 Bob");
  CHECK(f.alerts[0].body == "Is the blue one in stock?");
  CHECK(watch_attention(watch, d.state, d.ann(), s, wall += 100).alerts.empty());  // once

  d.run(StartChat{"c3", "auto", "Widget", "Cleo", client()}, kSecond);  // routed to ann at once
  d.run(SendMessage{"c3", client(), "Hello", {}}, kSecond);
  f = watch_attention(watch, d.state, d.ann(), s, wall += 100);
  REQUIRE(kinds(f) == std::vector<AlertKind>{AlertKind::assigned});
  CHECK(f.alerts[0].chat == "c3");
  CHECK(f.count == counters(d.state, d.ann()).total);
  CHECK(f.count == 1);

  // Accepting a waiting session gives it to her: that is her own doing, yet it is a new assignment.
  d.run(AcceptChat{"c1", "ann"}, kSecond);
  CHECK(kinds(watch_attention(watch, d.state, d.ann(), s, wall += 100)) == std::vector<AlertKind>{AlertKind::assigned});

  // Settings choose the events.
  AttentionSettings quiet = s;
  quiet.on_waiting = false;
  d.run(StartChat{"c4", "sales", "Widget", "Dan", client()}, kSecond);
  CHECK(watch_attention(watch, d.state, d.ann(), quiet, wall += 100).alerts.empty());
}

TEST_CASE("reminders repeat while an assigned session is unread, and stop when it is read") {
  Desk d;
  desk_setup(d);
  AttentionSettings s;
  s.repeat_seconds = 30;
  AttentionWatch watch;
  Timestamp wall = 5'000'000;
  watch_attention(watch, d.state, d.ann(), s, wall);
  d.run(StartChat{"c1", "auto", "Widget", "Bob", client()}, kSecond);
  d.run(SendMessage{"c1", client(), "Hi", {}}, kSecond);
  CHECK(kinds(watch_attention(watch, d.state, d.ann(), s, wall += 10)) == std::vector<AlertKind>{AlertKind::assigned});
  CHECK(watch_attention(watch, d.state, d.ann(), s, wall += 29'000).alerts.empty());
  CHECK(kinds(watch_attention(watch, d.state, d.ann(), s, wall += 1'000)) == std::vector<AlertKind>{AlertKind::reminder});
  CHECK(watch_attention(watch, d.state, d.ann(), s, wall += 10'000).alerts.empty());
  CHECK(kinds(watch_attention(watch, d.state, d.ann(), s, wall += 20'000)) == std::vector<AlertKind>{AlertKind::reminder});
  s.repeat_seconds = 0;
  CHECK(watch_attention(watch, d.state, d.ann(), s, wall += 60'000).alerts.empty());
  s.repeat_seconds = 30;
  d.run(MarkChatRead{"c1", "ann"}, kSecond);
  const AttentionFrame read = watch_attention(watch, d.state, d.ann(), s, wall += 60'000);
  CHECK(read.alerts.empty());
  CHECK(read.count == 0);
}

TEST_CASE("a dnd agent gets the count, not the noise") {
  Desk d;
  desk_setup(d);
  const AttentionSettings s;
  AttentionWatch watch;
  watch_attention(watch, d.state, d.ann(), s, 0);
  d.run(StartChat{"c1", "auto", "Widget", "Bob", client()}, kSecond);
  d.run(SendMessage{"c1", client(), "Hi", {}}, kSecond);
  d.run(SetAgentStatus{"ann", AgentStatus::dnd}, kSecond);
  d.run(StartChat{"c2", "sales", "Widget", "Cleo", client()}, kSecond);
  const AttentionFrame f = watch_attention(watch, d.state, d.ann(), s, 60'000);
  CHECK(f.alerts.empty());
  CHECK(f.count == 1);
}

TEST_CASE("alert settings: JSON both ways; a wrong field is refused with its name") {
  AttentionSettings s;
  s.sound = false;
  s.volume = 35;
  s.repeat_seconds = 90;
  s.on_waiting = false;
  const auto back = attention_settings_from_json(attention_settings_to_json(s));
  REQUIRE(back);
  CHECK(*back == s);
  CHECK(*attention_settings_from_json(Json::object()) == AttentionSettings{});
  CHECK(attention_settings_from_json(Json{{"volume", 50}, {"future_field", "x"}})->volume == 50);
  std::string why;
  CHECK_FALSE(attention_settings_from_json(Json{{"volume", 101}}, &why));
  CHECK(why == "volume must be a whole number from 0 to 100");
  CHECK_FALSE(attention_settings_from_json(Json{{"sound", "yes"}}, &why));
  CHECK(why == "sound must be true or false");
  CHECK_FALSE(attention_settings_from_json(Json{{"repeat_seconds", -1}}, &why));
  CHECK_FALSE(attention_settings_from_json(Json::array(), &why));
  CHECK(why == "the settings must be a JSON object");
}

TEST_CASE("the Missed counter's sessions: which ones, and the timer that moved them") {
  Desk d;
  GroupSettings timed;
  timed.routing = Routing::automatic;
  timed.transfer_unanswered = true;
  timed.transfer_unanswered_after_min = 2;
  d.run(CreateGroup{"sales", "Sales", timed});
  d.run(CreateAgent{"ann", "Ann Lee", "", {"sales"}, kRoleOperator});
  d.run(CreateAgent{"bo", "Bo Ng", "", {"sales"}, kRoleOperator});
  d.run(SetAgentStatus{"ann", AgentStatus::online}, kMinute);
  d.run(StartChat{"c1", "sales", "Widget", "Bob", client()}, kSecond);
  d.run(SendMessage{"c1", client(), "Hello?", {}}, kSecond);
  const AgentIx first = d.state.chats[d.state.chat_ix("c1")].assignee;
  REQUIRE(first == d.ann());
  d.run(SetAgentStatus{"bo", AgentStatus::online}, kSecond);
  d.run(StartChat{"c2", "sales", "Widget", "Cleo", client()}, kSecond);  // to bo (fewer active)
  d.run(SetAgentStatus{"bo", AgentStatus::dnd}, 3 * kMinute);            // ann's c1 timer fired meanwhile
  const std::vector<MissedSession> missed = missed_sessions(d.state, d.ann(), d.at);
  REQUIRE(missed.size() == 1);
  CHECK(d.state.chats[missed[0].chat].id == "c1");
  CHECK(missed[0].reason.find("no agent reply for 2 min") == 0);
  CHECK(missed[0].reason.find("unanswered timer") != std::string::npos);
  CHECK(static_cast<std::size_t>(agent_stats(d.state, d.ann(), d.at).missed) == missed.size());
}
