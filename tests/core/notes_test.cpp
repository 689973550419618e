// Unit tests of private notes (chat.note): who may write them, @mentions, their place in the
// timeline, and that they are neither replies nor anything a customer sees.
#include <doctest/doctest.h>

#include "customer_view.hpp"
#include "desk_fixture.hpp"
#include "ids.hpp"
#include "timeline.hpp"
#include "timers.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

Desk desk_with_chat() {
  Desk desk;
  desk.make_group(at_min(0), "sales", R"({"first_response_min":5})");
  desk.make_group(at_min(0), "support");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.make_agent(at_min(0), "sue", "sales", "supervisor");
  desk.make_agent(at_min(0), "rita", "sales", "reader");
  desk.make_agent(at_min(0), "zed", "support");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "sales");
  desk.say(at_min(2), "c1", "client", "where is my parcel?");
  return desk;
}

std::string note(const std::string& by, const std::string& text) {
  return R"({"type":"chat.note","chat":"c1","by":"agent:)" + by + R"(","text":")" + text + R"("})";
}

}  // namespace

TEST_CASE("mentions: @ids at a word start, trailing punctuation dropped, e-mail addresses ignored") {
  CHECK(mentioned_ids("@sue can you check? cc @bo.") == std::vector<std::string>{"sue", "bo"});
  CHECK(mentioned_ids("write to ann@example.com") == std::vector<std::string>{});
  CHECK(mentioned_ids("@ alone, @@x") == std::vector<std::string>{"x"});
}

TEST_CASE("a note is placed in the timeline and names who it mentions") {
  Desk desk = desk_with_chat();
  desk.ok(at_min(3), note("ann", "@sue is this the Berlin order?"));
  const Chat& chat = desk.chat("c1");
  REQUIRE(chat.notes.size() == 1);
  CHECK(chat.notes[0].id == "c1/n1");
  CHECK(chat.notes[0].mentions == std::vector<std::string>{"sue"});
  const auto items = timeline(desk.state, chat);
  REQUIRE_FALSE(items.empty());
  CHECK(items.back().kind == TimelineItem::Kind::note);
  CHECK(items.back().text == "Note by ann Name");
  const Json json = chat_to_json(desk.state, chat, ChatDetail::with_timeline);
  CHECK(json["timeline"].back()["type"] == "note");
  CHECK(json["timeline"].back()["mentions"] == Json::array({"sue"}));
}

TEST_CASE("a note is not a reply: SLA clock, unread and customer view are untouched") {
  Desk desk = desk_with_chat();
  const Timestamp sla_before = timer_due(desk.state, desk.state.chat_ix("c1"), TimerKind::sla);
  REQUIRE(sla_before != kNever);
  const int unread = desk.chat("c1").unread;
  const std::size_t seen = customer_messages(desk.state, desk.chat("c1"), 0).size();
  const Outcome added = desk.ok(at_min(3), note("ann", "checking the warehouse"));
  REQUIRE(added.events.size() == 1);
  CHECK_FALSE(customer_sees(added.events[0].body));
  CHECK(timer_due(desk.state, desk.state.chat_ix("c1"), TimerKind::sla) == sla_before);
  CHECK(desk.chat("c1").unread == unread);
  CHECK(desk.chat("c1").messages.size() == 1);
  CHECK(customer_messages(desk.state, desk.chat("c1"), 0).size() == seen);
}

TEST_CASE("who may write a note and whom it may mention") {
  Desk desk = desk_with_chat();
  CHECK(desk.refusal(at_min(3), note("sue", "a supervisor may")) == "accepted");
  CHECK(desk.refusal(at_min(3), note("rita", "readers only read")) == "forbidden");
  CHECK(desk.refusal(at_min(3), note("zed", "another group")) == "not_member");
  CHECK(desk.refusal(at_min(3), note("ann", "@zed cannot read sales")) == "not_member");
  CHECK(desk.refusal(at_min(3), note("ann", "@nobody here")) == "unknown_agent");
  CHECK(desk.refusal(at_min(3), note("ann", "")) == "bad_command");
  CHECK(desk.refusal(at_min(3), R"({"type":"chat.note","chat":"c1","by":"client","text":"hi"})") == "bad_command");
  CHECK(desk.chat("c1").notes.size() == 1);  // only sue's
}
