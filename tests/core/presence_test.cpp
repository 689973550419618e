// Unit tests of presence (who views or types in a session): names, lifetimes, the rate window, who
// hears a signal (colleagues who may read the chat; the customer only the assignee's reply typing),
// the receiver's book, and which colleagues a note may mention.
#include <doctest/doctest.h>

#include "actions.hpp"
#include "desk_fixture.hpp"
#include "presence.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

Desk desk_with_chat() {
  Desk desk;
  desk.make_group(at_min(0), "sales", R"({"routing":"accept"})");
  desk.make_group(at_min(0), "support");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.make_agent(at_min(0), "bob", "sales", "supervisor");
  desk.make_agent(at_min(0), "rita", "sales", "reader");
  desk.make_agent(at_min(0), "zed", "support");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "sales");
  return desk;
}

std::vector<std::string> ids(const State& state, const std::vector<AgentIx>& agents) {
  std::vector<std::string> out;
  for (AgentIx a : agents) out.push_back(state.agents[a].id);
  return out;
}

}  // namespace

TEST_CASE("presence names round-trip and anything else is refused") {
  for (Presence p : {Presence::viewing, Presence::typing, Presence::noting, Presence::left})
    CHECK(presence_from_name(presence_name(p)) == p);
  CHECK_FALSE(presence_from_name("Typing").has_value());
  CHECK_FALSE(presence_from_name("").has_value());
  CHECK(presence_ttl(Presence::typing) == kTypingTtl);
  CHECK(presence_ttl(Presence::viewing) > presence_ttl(Presence::typing));
  CHECK(presence_ttl(Presence::left) == 0);
}

TEST_CASE("the rate window admits a few signals a second and then refuses until the next second") {
  PresenceRate rate;
  const Timestamp t0 = at_min(5);
  for (int i = 0; i < kPresencePerSecond; ++i) CHECK(admit_presence(rate, t0 + i * 10));
  CHECK_FALSE(admit_presence(rate, t0 + 500));
  CHECK_FALSE(admit_presence(rate, t0 + 999));
  CHECK(admit_presence(rate, t0 + 1000));
  CHECK(admit_presence(rate, t0 - 5000));  // a clock that went back starts a new window
}

TEST_CASE("colleagues who may read the chat hear a signal; the sender and other groups do not") {
  Desk desk = desk_with_chat();
  const ChatIx c1 = desk.state.chat_ix("c1");
  CHECK(ids(desk.state, presence_audience(desk.state, c1, desk.agent("ann"))) == std::vector<std::string>{"bob", "rita"});
  CHECK(ids(desk.state, presence_audience(desk.state, c1, desk.agent("bob"))) == std::vector<std::string>{"ann", "rita"});
}

TEST_CASE("the customer sees only the assignee's typing, while the session is open or paused") {
  Desk desk = desk_with_chat();
  const ChatIx c1 = desk.state.chat_ix("c1");
  CHECK_FALSE(customer_sees_presence(desk.state, c1, desk.agent("ann")));  // waiting: nobody's yet
  desk.accept(at_min(2), "c1", "ann");
  CHECK(customer_sees_presence(desk.state, c1, desk.agent("ann")));
  CHECK_FALSE(customer_sees_presence(desk.state, c1, desk.agent("bob")));
  desk.act(at_min(3), "chat.close", "c1", "agent:ann");
  CHECK_FALSE(customer_sees_presence(desk.state, c1, desk.agent("ann")));
}

TEST_CASE("the book keeps each sender's latest state until it expires or they leave") {
  PresenceBook book;
  const Timestamp t0 = at_min(10);
  note_presence(book, "c1", "bob", Presence::viewing, kViewingTtl, t0);
  note_presence(book, "c1", "", Presence::typing, kTypingTtl, t0);
  auto here = present_on(book, "c1", t0 + 1);
  REQUIRE(here.size() == 2);
  CHECK(here[0].who.empty());  // the customer first
  CHECK(here[0].state == Presence::typing);
  note_presence(book, "c1", "bob", Presence::typing, kTypingTtl, t0 + 100);
  here = present_on(book, "c1", t0 + 200);
  REQUIRE(here.size() == 2);
  CHECK(here[1].state == Presence::typing);
  CHECK(present_on(book, "c1", t0 + 100 + kTypingTtl).empty());  // both expired
  PresenceBook leaving;
  note_presence(leaving, "c1", "bob", Presence::viewing, kViewingTtl, t0);
  note_presence(leaving, "c1", "bob", Presence::left, 0, t0 + 10);
  CHECK(present_on(leaving, "c1", t0 + 20).empty());
  CHECK(present_on(leaving, "other", t0).empty());
  forget_expired(leaving, t0 + 20);
  CHECK(leaving.chats.empty());
  forget_expired(book, t0 + 100 + kTypingTtl);
  CHECK(book.chats.empty());
}

TEST_CASE("a note may mention the colleagues who may read the chat, found by id or name prefix") {
  Desk desk = desk_with_chat();
  const ChatIx c1 = desk.state.chat_ix("c1");
  const Timestamp now = at_min(3);
  CHECK(ids(desk.state, mention_candidates(desk.state, desk.agent("ann"), c1, "", now)) ==
        std::vector<std::string>{"bob", "rita"});
  CHECK(ids(desk.state, mention_candidates(desk.state, desk.agent("ann"), c1, "RI", now)) == std::vector<std::string>{"rita"});
  CHECK(mention_candidates(desk.state, desk.agent("ann"), c1, "zed", now).empty());  // another group
  CHECK(mention_candidates(desk.state, desk.agent("zed"), c1, "", now).empty());     // zed may not write here
  CHECK(allows(allowed_actions(desk.state, desk.agent("bob"), c1, now), kActionNote));
  CHECK_FALSE(allows(allowed_actions(desk.state, desk.agent("rita"), c1, now), kActionNote));  // readers never write
}
