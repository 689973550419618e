// The team board's cache and the accessible mirror natively: when the board is computed again, its
// test-hook form; what the mirror lists and when it must be pushed; what the live region announces.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "a11y_mirror.hpp"
#include "board_state.hpp"
#include "engine.hpp"
#include "format.hpp"

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
  AgentIx ix(const std::string& id) const { return state.agent_ix(id); }
};

Actor client() { return Actor{ActorKind::client, {}}; }
Actor agent(const std::string& id) { return Actor{ActorKind::agent, id}; }

// sales (accept routing): ann operator, sue supervisor; other: zed.
void setup(Desk& d) {
  GroupSettings accept;
  accept.routing = Routing::accept;
  d.run(CreateGroup{"sales", "Sales", accept});
  d.run(CreateGroup{"other", "Other", accept});
  d.run(CreateAgent{"ann", "Ann Lee", "", {"sales"}, kRoleOperator});
  d.run(CreateAgent{"sue", "Sue Park", "", {"sales"}, kRoleSupervisor});
  d.run(CreateAgent{"zed", "Zed Zo", "", {"other"}, kRoleOperator});
  d.run(SetAgentStatus{"ann", AgentStatus::online}, kMinute);
}

}  // namespace

TEST_CASE("the board is computed again only when the replica changes or a second passes") {
  Desk d;
  setup(d);
  BoardUi ui;
  CHECK_FALSE(shows_team_board(d.state, d.ix("ann")));
  CHECK(board_for(ui, d.state, d.ix("ann"), d.at) == nullptr);
  CHECK(shows_team_board(d.state, d.ix("sue")));
  ui = BoardUi{};
  const TeamBoard* board = board_for(ui, d.state, d.ix("sue"), d.at);
  REQUIRE(board != nullptr);
  CHECK(ui.computed == 1);
  CHECK(board->agents.size() == 2);  // ann and sue, not zed
  // Frames within the same second and no new event: the cached board.
  board_for(ui, d.state, d.ix("sue"), d.at + 300);
  board_for(ui, d.state, d.ix("sue"), d.at + 900);
  CHECK(ui.computed == 1);
  // A second later the waits move on; an event changes the rows.
  board_for(ui, d.state, d.ix("sue"), d.at + 1000);
  CHECK(ui.computed == 2);
  d.run(StartChat{"c1", "sales", "Widget", "Kim", client()}, 0);
  board = board_for(ui, d.state, d.ix("sue"), d.at + 1000);
  CHECK(ui.computed == 3);
  REQUIRE(board->groups.size() == 1);
  CHECK(board->groups[0].waiting == 1);

  const Json json = board_to_json(d.state, *board);
  CHECK(json["groups"][0]["group"] == "sales");
  CHECK(json["groups"][0]["waiting"] == 1);
  CHECK(json["groups"][0]["oldest_wait_since"] == format_rfc3339(d.at));
  CHECK(json["agents"][0]["agent"] == "ann");
  CHECK(json["agents"][0]["status"] == "online");
  CHECK(json["agents"][1]["status"] == "offline");
  CHECK(json["at_risk"].empty());
  // Three minutes on, the waiting session is at risk.
  const Json later = board_to_json(d.state, *board_for(ui, d.state, d.ix("sue"), d.at + 3 * kMinute));
  REQUIRE(later["at_risk"].size() == 1);
  CHECK(later["at_risk"][0]["chat"] == "c1");
  CHECK(later["at_risk"][0]["reason"] == "long_wait");
}

TEST_CASE("the mirror lists the open list's sessions and the open session's messages") {
  Desk d;
  setup(d);
  d.run(StartChat{"c1", "sales", "Widget", "Kim", client()});
  d.run(SendMessage{"c1", client(), "Where is my parcel?"}, kSecond);
  d.run(StartChat{"c2", "sales", "Widget", "Lou", client()}, kSecond);
  d.run(AcceptChat{"c1", "ann"}, kSecond);
  d.run(SendMessage{"c1", agent("ann"), "Let me check."}, kSecond);

  A11yMirror queue = build_mirror(d.state, d.ix("ann"), ListView::queue, "");
  CHECK(queue.list == "Queue");
  CHECK(queue.total == 1);
  REQUIRE(queue.sessions.size() == 1);
  CHECK(queue.sessions[0].id == "c2");
  CHECK(queue.sessions[0].label == "#2 Lou, Sales, waiting");
  CHECK(queue.chat.empty());

  A11yMirror mine = build_mirror(d.state, d.ix("ann"), ListView::mine, "c1");
  REQUIRE(mine.sessions.size() == 1);
  CHECK(mine.sessions[0].current);
  CHECK(mine.sessions[0].label.find("#1 Kim, Sales, open") == 0);
  CHECK(mine.title == "#1 Kim");
  REQUIRE(mine.messages.size() == 2);
  CHECK(mine.messages[0].who == "Kim");
  CHECK(mine.messages[0].text == "Where is my parcel?");
  CHECK(mine.messages[1].who == "You");
  // The supervisor sees whose it is.
  const A11yMirror active = build_mirror(d.state, d.ix("sue"), ListView::active, "c1");
  const Json json = mirror_to_json(active);
  REQUIRE(json["sessions"].size() == 2);
  bool with_ann = false;
  for (const Json& row : json["sessions"]) with_ann = with_ann || row["label"].get<std::string>().find("with Ann Lee") != std::string::npos;
  CHECK(with_ann);
  CHECK(json["messages"][1]["who"] == "Ann Lee");
}

TEST_CASE("the mirror's log reads a missed SLA deadline where it passed, to everyone who sees the session") {
  Desk d;
  setup(d);
  d.run(SetSlaPolicy{SlaPolicy{"gold", "Gold", 2, 0, 0, false}});
  GroupSettings gold;
  gold.routing = Routing::accept;
  gold.sla_policy = "gold";
  d.run(UpdateGroup{"sales", "Sales", gold});
  d.run(StartChat{"c1", "sales", "Widget", "Kim", client()});
  d.run(SendMessage{"c1", client(), "Where is my parcel?"}, kSecond);
  d.run(AcceptChat{"c1", "ann"}, kSecond);
  d.run(Tick{}, 3 * kMinute);  // the first reply was due two minutes after the message
  d.run(SendMessage{"c1", agent("ann"), "Sorry for the wait."}, kSecond);
  for (const char* viewer : {"ann", "sue"}) {
    const A11yMirror mirror = build_mirror(d.state, d.ix(viewer), ListView::active, "c1");
    REQUIRE(mirror.messages.size() == 3);
    CHECK(mirror.messages[0].text == "Where is my parcel?");
    CHECK_FALSE(mirror.messages[0].sla);
    CHECK(mirror.messages[1].sla);
    CHECK(mirror.messages[1].who == "SLA");
    CHECK(mirror.messages[1].text == "First response deadline missed \u00b7 2 min \u00b7 policy Gold");
    CHECK(mirror.messages[1].at == format_clock(T0 + kMinute + kSecond + 2 * kMinute));
    CHECK(mirror.messages[2].text == "Sorry for the wait.");
    const Json json = mirror_to_json(mirror);
    CHECK(json["messages"][1]["sla"] == true);
    CHECK_FALSE(json["messages"][0].contains("sla"));
  }
}

TEST_CASE("the mirror is pushed only when what it shows changed") {
  Desk d;
  setup(d);
  d.run(StartChat{"c1", "sales", "Widget", "Kim", client()});
  MirrorCache cache;
  Timestamp wall = 10'000;
  CHECK(cache.refresh(d.state, d.ix("ann"), ListView::queue, "", wall));
  CHECK_FALSE(cache.refresh(d.state, d.ix("ann"), ListView::queue, "", wall + 1000));
  CHECK(cache.built == 1);
  // An event that changes nothing shown (another group's session) is built but not pushed.
  d.run(StartChat{"z1", "other", "Widget", "Zoe", client()});
  CHECK_FALSE(cache.refresh(d.state, d.ix("ann"), ListView::queue, "", wall += 1000));
  CHECK(cache.built == 2);
  // Opening a session shows it at once; a change of the replica waits for the next half second.
  CHECK(cache.refresh(d.state, d.ix("ann"), ListView::queue, "c1", wall += 10));
  d.run(SendMessage{"c1", client(), "hello"});
  CHECK_FALSE(cache.refresh(d.state, d.ix("ann"), ListView::queue, "c1", wall += 100));
  CHECK(cache.json.find("hello") == std::string::npos);
  CHECK(cache.refresh(d.state, d.ix("ann"), ListView::queue, "c1", wall += kMirrorEvery));
  CHECK(cache.json.find("hello") != std::string::npos);
  CHECK(cache.refresh(d.state, d.ix("ann"), ListView::mine, "c1", wall));
}

TEST_CASE("the live region announces new waiting sessions, sessions given to the agent and customer messages") {
  Desk d;
  setup(d);
  d.run(StartChat{"c0", "sales", "Widget", "Early", client()});
  AnnounceWatch watch;
  CHECK(announcements(watch, d.state, d.ix("ann"), "").empty());  // the first look records
  d.run(StartChat{"c1", "sales", "Widget", "Kim", client()}, kSecond);
  d.run(StartChat{"z1", "other", "Widget", "Zoe", client()}, kSecond);
  CHECK(announcements(watch, d.state, d.ix("ann"), "") ==
        std::vector<std::string>{"New session waiting: #2 Kim in Sales."});
  CHECK(announcements(watch, d.state, d.ix("ann"), "").empty());
  d.run(AssignChat{"c1", "ann", agent("sue")}, kSecond);
  CHECK(announcements(watch, d.state, d.ix("ann"), "c1") == std::vector<std::string>{"Session #2 Kim is now yours."});
  d.run(SendMessage{"c1", client(), "Hi there"}, kSecond);
  d.run(SendMessage{"c1", agent("ann"), "Hello"}, kSecond);
  CHECK(announcements(watch, d.state, d.ix("ann"), "c1") == std::vector<std::string>{"Kim wrote: Hi there"});
  // Opening another session does not read out its history; its next customer message is news.
  d.run(AcceptChat{"c0", "ann"}, kSecond);
  d.run(SendMessage{"c0", client(), "old news"}, kSecond);
  const auto opened = announcements(watch, d.state, d.ix("ann"), "c0");
  CHECK(opened == std::vector<std::string>{"Session #1 Early is now yours."});
  d.run(SendMessage{"c0", client(), "still there?"}, kSecond);
  CHECK(announcements(watch, d.state, d.ix("ann"), "c0") == std::vector<std::string>{"Early wrote: still there?"});
  // Another agent's watch starts afresh.
  CHECK(announcements(watch, d.state, d.ix("sue"), "").empty());
}
