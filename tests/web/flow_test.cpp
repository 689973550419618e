// The flow's pure parts: the toast queue and its held commands, the toast and landing after each
// command, and the acts and palette entries offered for a State built with the core.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "engine.hpp"
#include "flow.hpp"
#include "toasts.hpp"

using namespace parley;
using namespace parley::web;

namespace {

const Timestamp T0 = 1'767'603'600'000;  // 2026-01-05 09:00 UTC

Actor agent(const char* id) { return Actor{ActorKind::agent, id}; }
Actor client() { return Actor{ActorKind::client, {}}; }

// Sales (auto) and Support (accept); ann (operator) and zed (supervisor) in both, online. c1 is
// routed to one of them, c2 waits in Support, c3 is Carla's in Sales.
struct FlowDesk {
  State state;
  Timestamp at = T0;
  void run(const Command& command, Duration after = kSecond) {
    at += after;
    const Outcome outcome = handle(state, command, at);
    REQUIRE_MESSAGE(!outcome.error, (outcome.error ? outcome.error->message : ""));
  }
  FlowDesk() {
    GroupSettings accept;
    accept.routing = Routing::accept;
    run(CreateGroup{"sales", "Sales", {}});
    run(CreateGroup{"support", "Support", accept});
    run(CreateAgent{"ann", "Ann Lee", "Ann", {"sales", "support"}, kRoleOperator});
    run(CreateAgent{"zed", "Zed Ortiz", "", {"sales", "support"}, kRoleOperator | kRoleSupervisor});
    run(SetAgentStatus{"ann", AgentStatus::online});
    run(SetAgentStatus{"zed", AgentStatus::online});
    run(StartChat{"c1", "sales", "Widget", "Bob Brown", client()});
    run(StartChat{"c2", "support", "Widget", "Olga", client()});
  }
  AgentIx ix(const char* id) const { return state.agent_ix(id); }
  ChatIx chat(const char* id) const { return state.chat_ix(id); }
  std::string holder(const char* chat_id) const {
    const Chat& c = state.chats[chat(chat_id)];
    return c.assignee == kNoIndex ? "" : state.agents[c.assignee].id;
  }
};

bool is_close(const Command& command, const char* chat) {
  const auto* close = std::get_if<CloseChat>(&command);
  return close && close->chat == chat;
}

std::vector<Act> offered(const std::vector<PaletteEntry>& entries) {
  std::vector<Act> out;
  for (const PaletteEntry& e : entries)
    if (!e.is_session) out.push_back(e.act);
  return out;
}

}  // namespace

TEST_CASE("toasts: shown for a while; a held command is sent when its window ends, not when undone") {
  Toasts toasts;
  toasts.show("Paused #1 Bob", T0);
  const std::uint64_t held = toasts.hold("Closed #1 Bob", CloseChat{"c1", agent("ann")}, T0, "c1");
  CHECK(toasts.shown().size() == 2);
  CHECK(toasts.holds("c1"));
  CHECK_FALSE(toasts.holds("c2"));
  CHECK(toasts.take_due(T0 + Toasts::kShown - 1).empty());
  CHECK(toasts.take_due(T0 + Toasts::kShown).empty());  // the plain one leaves, nothing to send
  REQUIRE(toasts.shown().size() == 1);
  CHECK(toasts.shown().front().id == held);
  const std::vector<Command> due = toasts.take_due(T0 + Toasts::kUndoWindow);
  REQUIRE(due.size() == 1);
  CHECK(is_close(due[0], "c1"));
  CHECK(toasts.empty());

  // Undo drops the command and gives back the session it was about.
  const std::uint64_t again = toasts.hold("Closed #1 Bob", CloseChat{"c1", agent("ann")}, T0, "c1");
  const std::optional<Toast> undone = toasts.undo(again);
  REQUIRE(undone.has_value());
  CHECK(undone->chat == "c1");
  CHECK_FALSE(toasts.undo(again).has_value());
  CHECK(toasts.take_due(T0 + 10 * Toasts::kUndoWindow).empty());

  // Dismissing a held toast sends its command now; leaving sends every one still held.
  const std::uint64_t now = toasts.hold("Closed #2", CloseChat{"c2", agent("ann")}, T0, "c2");
  toasts.hold("Closed #3", CloseChat{"c3", agent("ann")}, T0, "c3");
  toasts.dismiss(now);
  const std::vector<Command> dismissed = toasts.take_due(T0);
  REQUIRE(dismissed.size() == 1);
  CHECK(is_close(dismissed[0], "c2"));
  const std::vector<Command> left = toasts.take_all();
  REQUIRE(left.size() == 1);
  CHECK(is_close(left[0], "c3"));
  CHECK(toasts.empty());
}

TEST_CASE("toasts: the stack keeps the newest; one pushed out sends what it held") {
  Toasts toasts;
  toasts.hold("Closed #1", CloseChat{"c1", agent("ann")}, T0, "c1");
  for (std::size_t i = 0; i < Toasts::kMax; ++i) toasts.show("note " + std::to_string(i), T0 + 1);
  CHECK(toasts.shown().size() == Toasts::kMax);
  CHECK(toasts.shown().front().text == "note 0");
  const std::vector<Command> due = toasts.take_due(T0 + 1);
  REQUIRE(due.size() == 1);
  CHECK(is_close(due[0], "c1"));
}

TEST_CASE("after a command: the toast names the session and the target; Accept lands in My sessions") {
  FlowDesk d;
  const AfterCommand accept = after_command(d.state, AcceptChat{"c2", "ann"});
  CHECK(accept.toast == "Accepted #2 Olga");
  CHECK(accept.landing == Landing::open_in_mine);
  CHECK(accept.chat == "c2");

  const AfterCommand to_group = after_command(d.state, TransferChat{"c1", agent("ann"), "", "support", ""});
  CHECK(to_group.toast == "Transferred to Support · #1 Bob Brown");
  CHECK(to_group.landing == Landing::leave_session);
  const AfterCommand to_agent = after_command(d.state, TransferChat{"c1", agent("ann"), "zed", "", ""});
  CHECK(to_agent.toast == "Transferred to Zed Ortiz · #1 Bob Brown");
  CHECK(to_agent.landing == Landing::leave_session);

  CHECK(after_command(d.state, PauseChat{"c1", agent("ann")}).toast == "Paused #1 Bob Brown");
  CHECK(after_command(d.state, PauseChat{"c1", agent("ann")}).landing == Landing::stay);
  CHECK(after_command(d.state, ResumeChat{"c1", agent("ann")}).toast == "Resumed #1 Bob Brown");
  CHECK(after_command(d.state, ReopenChat{"c1", agent("ann")}).toast == "Reopened #1 Bob Brown");
  CHECK(after_command(d.state, AssignChat{"c1", "zed", agent("ann")}).toast == "Assigned to Zed Ortiz · #1 Bob Brown");
  CHECK(after_command(d.state, CloseChat{"c1", agent("ann")}).toast.empty());  // its toast is the held one
  CHECK(closing_text(d.state, "c1") == "Closed #1 Bob Brown");
  CHECK(after_command(d.state, SendMessage{"c1", agent("ann"), "hi", {}}).toast.empty());
  CHECK(after_command(d.state, MarkChatRead{"c1", "ann"}).landing == Landing::stay);
}

TEST_CASE("acts: the open session's acts are the core's; Accept takes the open session or the oldest waiting") {
  FlowDesk d;
  const std::string holder = d.holder("c1");
  REQUIRE(!holder.empty());
  const AgentIx me = d.ix(holder.c_str());
  const ChatIx c1 = d.chat("c1"), c2 = d.chat("c2");

  // The own open session: pause, transfer, close; not accept or resume. Accept offers the waiting c2.
  ActContext own = act_context(d.state, me, c1, d.at, true);
  CHECK(own.actions == allowed_actions(d.state, me, c1, d.at));
  CHECK(act_available(own, Act::pause));
  CHECK(act_available(own, Act::transfer));
  CHECK(act_available(own, Act::close));
  CHECK(act_available(own, Act::templates));
  CHECK_FALSE(act_available(own, Act::resume));
  CHECK_FALSE(act_available(own, Act::reopen));
  CHECK(own.accept == c2);
  CHECK(act_available(own, Act::accept));

  // The waiting session open: Accept takes it; nothing else of a session's acts.
  const ActContext waiting = act_context(d.state, me, c2, d.at, true);
  CHECK(waiting.accept == c2);
  CHECK_FALSE(act_available(waiting, Act::pause));
  CHECK_FALSE(act_available(waiting, Act::close));

  // Nothing open and nobody waiting: no session acts, and no stepping through an empty list.
  d.run(AcceptChat{"c2", holder});
  const ActContext none = act_context(d.state, me, kNoIndex, d.at, false);
  CHECK(none.accept == kNoIndex);
  for (Act act : {Act::accept, Act::pause, Act::resume, Act::transfer, Act::close, Act::reopen, Act::templates,
                  Act::next_session, Act::previous_session})
    CHECK_FALSE(act_available(none, act));
  for (Act act : {Act::search, Act::palette, Act::help}) CHECK(act_available(none, act));

  // Paused: resume instead of pause.
  d.run(PauseChat{"c1", agent(holder.c_str())});
  const ActContext paused = act_context(d.state, me, c1, d.at, true);
  CHECK(act_available(paused, Act::resume));
  CHECK_FALSE(act_available(paused, Act::pause));
}

TEST_CASE("the palette: available acts filtered by the words typed, then sessions by name from all sessions") {
  FlowDesk d;
  const std::string holder = d.holder("c1");
  const AgentIx me = d.ix(holder.c_str());
  const ChatIx c1 = d.chat("c1");
  const ActContext context = act_context(d.state, me, c1, d.at, true);

  const std::vector<PaletteEntry> all = palette_entries(d.state, me, context, "");
  CHECK(offered(all) == std::vector<Act>{Act::next_session, Act::previous_session, Act::accept, Act::pause,
                                         Act::transfer, Act::close, Act::search, Act::templates, Act::help});
  for (const PaletteEntry& e : all) CHECK_FALSE(e.is_session);  // no sessions for an empty query
  CHECK(all[2].label == "Accept #2 Olga");
  CHECK(all[2].detail == std::string(act_info(Act::accept).keys));

  CHECK(offered(palette_entries(d.state, me, context, "TRANS")) == std::vector<Act>{Act::transfer});
  CHECK(offered(palette_entries(d.state, me, context, "next sess")) == std::vector<Act>{Act::next_session});
  CHECK(offered(palette_entries(d.state, me, context, "resume")).empty());  // not paused: not offered

  // With c1 open, a name finds another customer's session (every session the agent may read).
  const std::vector<PaletteEntry> olga = palette_entries(d.state, me, context, "olg");
  REQUIRE(olga.size() == 2);
  CHECK(olga[0].act == Act::accept);  // "Accept #2 Olga" names her too
  CHECK(olga[1].is_session);
  CHECK(olga[1].chat == d.chat("c2"));
  CHECK(olga[1].label == "#2 Olga");
  CHECK(olga[1].detail == "queued · Support");
  const std::vector<PaletteEntry> many = palette_entries(d.state, me, context, "o", 1);
  std::size_t sessions = 0;
  for (const PaletteEntry& e : many) sessions += e.is_session;
  CHECK(sessions == 1);  // at most max_sessions
}
