// Shared fixture of the core unit tests: a desk driven only through the public API (JSON
// commands → command_from_json → parley::handle), keeping every produced event. Header-only.
#pragma once
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "engine.hpp"
#include "overloaded.hpp"
#include "stats.hpp"
#include "wire.hpp"

namespace parley::test {

constexpr Timestamp kT0 = 1767603600000;  // 2026-01-05T09:00:00Z, a Monday
constexpr Timestamp at_min(std::int64_t minutes) { return kT0 + minutes * kMinute; }

// An RFC 3339 literal as a Timestamp (the literal must be valid).
inline Timestamp utc(std::string_view text) {
  const std::optional<Timestamp> at = parse_rfc3339(text);
  REQUIRE_MESSAGE(at.has_value(), std::string(text));
  return *at;
}

inline Command parse_command(std::string_view text) {
  const std::optional<Json> json = parse_json(text);
  REQUIRE_MESSAGE(json.has_value(), std::string(text));
  Result<Command> command = command_from_json(*json);
  REQUIRE_MESSAGE(command.ok(), (std::string(text) + " -> " + (command.ok() ? "" : command.error().message)));
  return command.value();
}

// "a,b" -> ["a","b"]; "" -> [].
inline std::string json_list(const std::string& items) {
  std::string out = "[";
  std::size_t from = 0;
  while (from < items.size()) {
    std::size_t comma = items.find(',', from);
    if (comma == std::string::npos) comma = items.size();
    out += (out.size() > 1 ? ",\"" : "\"") + items.substr(from, comma - from) + "\"";
    from = comma + 1;
  }
  return out + "]";
}

// Everything observable about a State at `now`, as one string: agent stats, every chat with its
// timeline, the queues and the pending timers.
inline std::string fingerprint(const State& state, Timestamp now) {
  Json out = Json::object();
  for (AgentIx a : state.agents.indices())
    out["agents"][state.agents[a].id] = stats_to_json(agent_stats(state, a, now));
  for (const Chat& chat : state.chats) out["chats"][chat.id] = chat_to_json(state, chat, ChatDetail::with_timeline);
  for (const Group& group : state.groups) {
    Json queue = Json::array();
    for (const QueueEntry& e : group.queue) queue.push_back(state.chats[e.chat].id);
    out["queues"][group.id] = std::move(queue);
  }
  Json timers = Json::array();
  for (const TimerEntry& t : state.timers) {
    const std::string subject = std::visit(Overloaded{[&](ChatIx c) { return "chat:" + state.chats[c].id; },
                                                      [&](GroupIx g) { return "group:" + state.groups[g].id; }},
                                           t.key.subject);
    timers.push_back(Json::array({t.due, subject, static_cast<int>(t.key.kind)}));
  }
  out["timers"] = std::move(timers);
  out["next_chat_number"] = state.next_chat_number;
  return out.dump();
}

struct Desk {
  State state;
  Events log;  // every event handle() produced, in order

  Outcome run(Timestamp at, std::string_view text) {
    Outcome outcome = handle(state, parse_command(text), at);
    log.insert(log.end(), outcome.events.begin(), outcome.events.end());
    return outcome;
  }
  // The command must be accepted.
  Outcome ok(Timestamp at, std::string_view text) {
    Outcome outcome = run(at, text);
    CHECK_MESSAGE(!outcome.error, (std::string(text) + " refused: " + (outcome.error ? outcome.error->message : "")));
    return outcome;
  }
  // The refusal code, or "accepted".
  std::string refusal(Timestamp at, std::string_view text) {
    const Outcome outcome = run(at, text);
    return outcome.error ? std::string(error_code_name(outcome.error->code)) : std::string("accepted");
  }

  const Chat& chat(const std::string& id) const {
    const Chat* found = state.find_chat(id);
    REQUIRE_MESSAGE(found != nullptr, ("no chat " + id));
    return *found;
  }
  AgentIx agent(const std::string& id) const {
    const auto ix = state.agent_ix(id);
    REQUIRE_MESSAGE(ix != kNoIndex, ("no agent " + id));
    return ix;
  }
  GroupIx group(const std::string& id) const {
    const auto ix = state.group_ix(id);
    REQUIRE_MESSAGE(ix != kNoIndex, ("no group " + id));
    return ix;
  }
  // Assignee id of a chat, "" when none.
  std::string assignee(const std::string& id) const {
    const Chat& c = chat(id);
    return c.assignee == kNoIndex ? "" : state.agents[c.assignee].id;
  }
  std::string chat_state(const std::string& id) const { return std::string(chat_state_name(chat(id).state)); }

  // Shorthands for the commonest commands.
  void make_group(Timestamp at, const std::string& id, const std::string& settings = "{}") {
    ok(at, R"({"type":"group.create","group":")" + id + R"(","settings":)" + settings + "}");
  }
  // groups and roles: comma-separated ids ("sales,support"; roles "operator,supervisor").
  void make_agent(Timestamp at, const std::string& id, const std::string& groups,
                  const std::string& roles = "operator") {
    ok(at, R"({"type":"agent.create","agent":")" + id + R"(","name":")" + id + R"( Name","groups":)" +
               json_list(groups) + R"(,"roles":)" + json_list(roles) + "}");
  }
  void status(Timestamp at, const std::string& agent_id, const std::string& value) {
    ok(at, R"({"type":"agent.set_status","agent":")" + agent_id + R"(","status":")" + value + R"("})");
  }
  void client_starts(Timestamp at, const std::string& chat_id, const std::string& group_id,
                     const std::string& client = "") {
    ok(at, R"({"type":"chat.start","chat":")" + chat_id + R"(","group":")" + group_id +
               R"(","channel":"Widget","client":")" + (client.empty() ? chat_id : client) + R"(","by":"client"})");
  }
  void say(Timestamp at, const std::string& chat_id, const std::string& from, const std::string& text = "hello") {
    ok(at, R"({"type":"message.send","chat":")" + chat_id + R"(","from":")" + from + R"(","text":")" + text + R"("})");
  }
  void act(Timestamp at, const std::string& type, const std::string& chat_id, const std::string& by) {
    ok(at, R"({"type":")" + type + R"(","chat":")" + chat_id + R"(","by":")" + by + R"("})");
  }
  void accept(Timestamp at, const std::string& chat_id, const std::string& agent_id) {
    ok(at, R"({"type":"chat.accept","chat":")" + chat_id + R"(","agent":")" + agent_id + R"("})");
  }
};

}  // namespace parley::test
