// Unit tests of the SLA marks on the workspace's timeline: each breach a mark at its time with the
// deadline and the policy in force then; the spec timeline (query.timeline, REST) leaves them out.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "desk_fixture.hpp"
#include "timeline.hpp"
#include "wire.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

const std::string kDot = " \u2022 ";

// The workspace's timeline as text: messages as "msg:<text>", everything else as its text.
std::vector<std::string> shown(const Desk& desk, const std::string& chat, SlaMarks marks = SlaMarks::shown) {
  std::vector<std::string> out;
  for (const TimelineItem& item : timeline(desk.state, desk.chat(chat), Targets::named, marks))
    out.push_back(item.kind == TimelineItem::Kind::message ? "msg:" + desk.chat(chat).messages[item.message].text
                                                           : item.text);
  return out;
}

std::string time_at(std::int64_t minute) { return format_display_time(at_min(minute)); }

// Group "g" on policy Gold (first response 5, next 10, resolution 60); ann online takes c1 at 1.
Desk gold_desk() {
  Desk desk;
  desk.ok(at_min(0), R"({"type":"sla_policy.set","policy":"gold","name":"Gold","first_response_min":5,)"
                     R"("next_response_min":10,"resolution_min":60})");
  desk.make_group(at_min(0), "g", R"({"sla_policy":"gold"})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "g");
  return desk;
}

}  // namespace

TEST_CASE("each breach is a mark at its time, between the messages around it, with the policy in force") {
  Desk desk = gold_desk();
  desk.say(at_min(1), "c1", "client", "hello");
  desk.ok(at_min(7), R"({"type":"tick"})");  // first response due at 6
  desk.say(at_min(7), "c1", "agent:ann", "hi");
  desk.say(at_min(8), "c1", "client", "my order");
  desk.ok(at_min(30), R"({"type":"tick"})");  // next response due at 18
  desk.say(at_min(31), "c1", "agent:ann", "checking");
  desk.ok(at_min(70), R"({"type":"tick"})");  // resolution due at 61
  REQUIRE(desk.chat("c1").sla_breaches == 3);
  CHECK(shown(desk, "c1") == std::vector<std::string>{
                                 "#1 started by Client" + kDot + "Widget",
                                 "msg:hello",
                                 "First response deadline missed \u00b7 5 min \u00b7 policy Gold" + kDot + time_at(6),
                                 "msg:hi",
                                 "msg:my order",
                                 "Next response deadline missed \u00b7 10 min \u00b7 policy Gold" + kDot + time_at(18),
                                 "msg:checking",
                                 "Resolution deadline missed \u00b7 60 min \u00b7 policy Gold" + kDot + time_at(61),
                             });
  const std::vector<TimelineItem> items = timeline(desk.state, desk.chat("c1"), Targets::named, SlaMarks::shown);
  REQUIRE(items[2].kind == TimelineItem::Kind::sla_mark);
  CHECK(items[2].at == at_min(6));
  CHECK(desk.chat("c1").sla_marks[items[2].mark].kind == SlaKind::first_response);
  CHECK(desk.chat("c1").sla_marks[items[7].mark].kind == SlaKind::resolution);
}

TEST_CASE("a mark keeps the terms of its time; the group's own minutes read as its setting") {
  Desk desk;
  desk.make_group(at_min(0), "g", R"({"first_response_min":2})");
  desk.make_agent(at_min(0), "ann", "g");
  desk.client_starts(at_min(1), "c1", "g");
  desk.say(at_min(1), "c1", "client", "anyone?");
  desk.ok(at_min(4), R"({"type":"tick"})");  // queued: the deadline passes all the same
  desk.ok(at_min(5), R"({"type":"sla_policy.set","policy":"slow","first_response_min":30,"business_hours_only":true})");
  desk.ok(at_min(5), R"({"type":"group.update","group":"g","settings":{"sla_policy":"slow"}})");
  CHECK(shown(desk, "c1") == std::vector<std::string>{
                                 "#1 started by Client" + kDot + "Widget",
                                 "msg:anyone?",
                                 "First response deadline missed \u00b7 2 min \u00b7 group setting" + kDot + time_at(3),
                             });
  const SlaMark named{SlaKind::next_response, at_min(9), 1, 30, true, "slow"};
  CHECK(sla_mark_text(named) == "Next response deadline missed \u00b7 30 min in business hours \u00b7 policy slow");
}

TEST_CASE("a note and a mark at the same moment keep the note first; a mark after the last message ends the timeline") {
  Desk desk = gold_desk();
  desk.say(at_min(1), "c1", "client", "hello");
  desk.ok(at_min(6), R"({"type":"chat.note","chat":"c1","by":"agent:ann","text":"looking"})");
  desk.ok(at_min(6), R"({"type":"tick"})");
  const std::vector<std::string> texts = shown(desk, "c1");
  REQUIRE(texts.size() == 4);
  CHECK(texts[2] == "Note by ann Name");
  CHECK(texts[3].rfind("First response deadline missed", 0) == 0);
}

TEST_CASE("the spec timeline, query.timeline's and REST's, leaves the marks out") {
  Desk desk = gold_desk();
  desk.say(at_min(1), "c1", "client", "hello");
  desk.ok(at_min(7), R"({"type":"tick"})");
  REQUIRE(desk.chat("c1").sla_marks.size() == 1);
  CHECK(shown(desk, "c1", SlaMarks::hidden) ==
        std::vector<std::string>{"#1 started by Client" + kDot + "Widget", "msg:hello"});
  for (const TimelineItem& item : timeline(desk.state, desk.chat("c1")))
    CHECK(item.kind != TimelineItem::Kind::sla_mark);
  const Json json = chat_to_json(desk.state, desk.chat("c1"), ChatDetail::with_timeline);
  REQUIRE(json["timeline"].size() == 2);
  CHECK(json["timeline"][0]["type"] == "separator");
  CHECK(json["timeline"][1]["type"] == "message");
  CHECK(json["sla_breaches"] == 1);
}
