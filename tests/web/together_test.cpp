// Working together in the workspace, natively: the @mention at the caret and its completion, the
// presence a tab tells and hears (and the line it shows), and the mention alert with its setting.
#include <doctest/doctest.h>

#include "attention.hpp"
#include "engine.hpp"
#include "together.hpp"

using namespace parley;
using namespace parley::web;

namespace {

const Timestamp T0 = *parse_rfc3339("2026-01-05T09:00:00Z");

State desk() {
  State state;
  Timestamp at = T0;
  const auto run = [&](const Command& command) {
    const Outcome outcome = handle(state, command, at);
    REQUIRE_MESSAGE(!outcome.error, (outcome.error ? outcome.error->message : ""));
  };
  run(CreateGroup{"sales", "Sales", {}});
  run(CreateAgent{"ann", "Ann Lee", "Ann", {"sales"}, kRoleOperator});
  run(CreateAgent{"bo", "Bo Berg", "", {"sales"}, kRoleOperator | kRoleSupervisor});
  run(SetAgentStatus{"ann", AgentStatus::online});
  run(StartChat{"c1", "sales", "Widget", "Carla", Actor{ActorKind::client, {}}});
  return state;
}

Json item(const std::string& from, const std::string& agent, const std::string& state, int ttl) {
  Json j{{"type", "presence"}, {"chat", "c1"}, {"from", from}, {"state", state}, {"ttl_ms", ttl}};
  j["agent"] = agent.empty() ? Json(nullptr) : Json(agent);
  return j;
}

}  // namespace

TEST_CASE("the mention at the caret: after @ at a word start, not inside an e-mail address") {
  CHECK(mention_query("hi @bo", 6) == MentionQuery{3, "bo"});
  CHECK(mention_query("@", 1) == MentionQuery{0, ""});
  CHECK(mention_query("hi @bo there", 12) == std::nullopt);  // the caret left the mention
  CHECK(mention_query("mail ann@example.com", 12) == std::nullopt);
  CHECK(mention_query("x", 5) == std::nullopt);
  const auto [text, caret] = complete_mention("ask @b about it", 6, MentionQuery{4, "b"}, "bo");
  CHECK(text == "ask @bo about it");
  CHECK(caret == 8);
  const auto [inside, at] = complete_mention("@anx", 3, MentionQuery{0, "an"}, "ann");
  CHECK(inside == "@ann ");
  CHECK(at == 5);
}

TEST_CASE("what a tab tells: left with nothing open, typing or noting while keys come, else viewing") {
  TogetherUi t;
  CHECK(wanted_presence(t, false, true, T0) == Presence::left);
  CHECK(wanted_presence(t, true, true, T0) == Presence::viewing);
  t.typed_at = T0;
  CHECK(wanted_presence(t, true, false, T0 + 1000) == Presence::typing);
  CHECK(wanted_presence(t, true, true, T0 + 1000) == Presence::viewing);  // the composer was emptied
  CHECK(wanted_presence(t, true, false, T0 + kTypingQuiet) == Presence::viewing);
  t.note_mode = true;
  CHECK(wanted_presence(t, true, false, T0 + 1000) == Presence::noting);
}

TEST_CASE("what a tab hears: colleagues and the customer on the line, itself and malformed items never") {
  const State state = desk();
  TogetherUi t;
  CHECK(hear_presence(t, item("agent", "bo", "viewing", 15000), "ann", T0));
  CHECK(presence_line(t, state, "c1", T0 + 10) == "Bo Berg is viewing");
  CHECK(hear_presence(t, item("customer", "", "typing", 5000), "ann", T0));
  CHECK(presence_line(t, state, "c1", T0 + 10) == "Customer is typing… · Bo Berg is viewing");
  CHECK(hear_presence(t, item("agent", "bo", "noting", 5000), "ann", T0 + 100));
  CHECK(presence_line(t, state, "c1", T0 + 200) == "Customer is typing… · Bo Berg is writing a note…");
  CHECK(presence_line(t, state, "c1", T0 + 100 + 5000).empty());  // both expired
  CHECK_FALSE(hear_presence(t, item("agent", "ann", "typing", 5000), "ann", T0));  // itself
  CHECK_FALSE(hear_presence(t, item("agent", "bo", "dancing", 5000), "ann", T0));
  CHECK_FALSE(hear_presence(t, item("robot", "bo", "typing", 5000), "ann", T0));
  CHECK_FALSE(hear_presence(t, Json{{"type", "presence"}, {"chat", "c1"}}, "ann", T0));
  CHECK_FALSE(hear_presence(t, Json::array(), "ann", T0));
  CHECK(hear_presence(t, item("agent", "bo", "typing", 999999999), "ann", T0));  // capped, not for ever
  CHECK(presence_line(t, state, "c1", T0 + kViewingTtl + 1).empty());
}

TEST_CASE("an SLA breach alerts the group's online supervisors, not its operators, unless switched off") {
  State state = desk();
  const SlaBreached breach{"c1", SlaKind::first_response, "ann"};
  AttentionSettings s;
  CHECK_FALSE(sla_alert(state, state.agent_ix("bo"), breach, s).has_value());  // bo supervises but is offline
  REQUIRE(!handle(state, SetAgentStatus{"bo", AgentStatus::online}, T0).error);
  const auto alert = sla_alert(state, state.agent_ix("bo"), breach, s);
  REQUIRE(alert.has_value());
  CHECK(alert->kind == AlertKind::sla_breach);
  CHECK(alert->title == "SLA missed: #1 Carla");
  CHECK(alert->body == "The first response deadline passed in Sales (Ann Lee)");
  CHECK_FALSE(sla_alert(state, state.agent_ix("ann"), breach, s).has_value());  // an operator
  s.on_sla = false;
  CHECK_FALSE(sla_alert(state, state.agent_ix("bo"), breach, s).has_value());
  const auto kept = attention_settings_from_json(Json{{"on_sla", false}});
  REQUIRE(kept.has_value());
  CHECK_FALSE(kept->on_sla);
}

TEST_CASE("a note mentioning the agent alerts them while online, unless mentions are switched off") {
  State state = desk();
  const NoteAdded note{"c1", "c1/n1", Actor{ActorKind::agent, "bo"}, "@ann please look", {"ann"}};
  AttentionSettings s;
  const auto alert = mention_alert(state, state.agent_ix("ann"), note, s);
  REQUIRE(alert.has_value());
  CHECK(alert->kind == AlertKind::mention);
  CHECK(alert->chat == "c1");
  CHECK(alert->title == "Bo Berg mentioned you: #1 Carla");
  CHECK(alert->body == "@ann please look");
  s.on_mention = false;
  CHECK_FALSE(mention_alert(state, state.agent_ix("ann"), note, s).has_value());
  s.on_mention = true;
  CHECK_FALSE(mention_alert(state, state.agent_ix("bo"), note, s).has_value());  // bo is offline
  const auto kept = attention_settings_from_json(Json{{"on_mention", false}});
  REQUIRE(kept.has_value());
  CHECK_FALSE(kept->on_mention);
  CHECK(attention_settings_to_json(*kept)["on_mention"] == false);
  CHECK_FALSE(attention_settings_from_json(Json{{"on_mention", "no"}}).has_value());
}
