// Unit tests of core/timeline: the text of every separator kind (SPEC §6), the rule that only the
// latest manual-action close reads "by manual action", and messages interleaved in order.
#include "timeline.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "desk_fixture.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

const std::string kDot = " \u2022 ";

// Groups "sales" (auto; silent close and unanswered transfer timers) and "support" ("Support Team",
// accept); ann, bob and sue (supervisor) online in both.
Desk timeline_desk() {
  Desk desk;
  desk.ok(at_min(0), R"({"type":"group.create","group":"sales","name":"Sales","settings":{"close_silent":true,)"
                     R"("close_silent_after_min":10,"transfer_unanswered":true,"transfer_unanswered_after_min":5}})");
  desk.ok(at_min(0),
          R"({"type":"group.create","group":"support","name":"Support Team","settings":{"routing":"accept"}})");
  desk.ok(at_min(0), R"({"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales","support"]})");
  desk.ok(at_min(0), R"({"type":"agent.create","agent":"bob","name":"Bo Ray","groups":["sales","support"]})");
  desk.ok(at_min(0), R"({"type":"agent.create","agent":"sue","name":"Sue Park","groups":["sales","support"],)"
                     R"("roles":["supervisor"]})");
  return desk;
}

std::vector<std::string> texts(const Desk& desk, const std::string& chat) {
  std::vector<std::string> out;
  for (const TimelineItem& item : timeline(desk.state, desk.chat(chat)))
    out.push_back(item.kind == TimelineItem::Kind::message ? "msg:" + desk.chat(chat).messages[item.message].text
                                                           : item.text);
  return out;
}

std::string time_at(std::int64_t minute) { return format_display_time(at_min(minute)); }

}  // namespace

TEST_CASE("client start, agent close, reopen: texts and kinds") {
  Desk desk = timeline_desk();
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "support");
  desk.accept(at_min(2), "c1", "ann");
  desk.say(at_min(2), "c1", "client", "hello");
  desk.act(at_min(5), "chat.close", "c1", "agent:ann");
  desk.status(at_min(6), "bob", "online");
  desk.act(at_min(7), "chat.reopen", "c1", "agent:bob");
  CHECK(texts(desk, "c1") == std::vector<std::string>{
                                 "#1 started by Client" + kDot + "Widget",
                                 "msg:hello",
                                 "Closed by Ann Lee" + kDot + "2026-01-05 09:05",
                                 "Reopened by Bo Ray" + kDot + time_at(7),
                             });
  CHECK(separator_kinds(desk.chat("c1")) == std::vector<SeparatorKind>{SeparatorKind::started_by_client,
                                                                       SeparatorKind::closed_by_agent,
                                                                       SeparatorKind::reopened});
}

TEST_CASE("only the latest manual-action close reads 'Closed by manual action'") {
  Desk desk = timeline_desk();
  desk.status(at_min(0), "ann", "online");
  desk.status(at_min(0), "bob", "online");
  desk.client_starts(at_min(1), "c1", "support");
  desk.accept(at_min(1), "c1", "ann");
  desk.act(at_min(2), "chat.close", "c1", "manual:ann");
  CHECK(texts(desk, "c1").back() == "Closed by manual action" + kDot + time_at(2));
  desk.act(at_min(3), "chat.reopen", "c1", "agent:bob");
  desk.act(at_min(4), "chat.close", "c1", "manual:bob");
  const std::vector<std::string> shown = texts(desk, "c1");
  REQUIRE(shown.size() == 4);
  CHECK(shown[1] == "Closed by Ann Lee" + kDot + time_at(2));
  CHECK(shown[3] == "Closed by manual action" + kDot + time_at(4));
  CHECK(separator_kinds(desk.chat("c1")) ==
        std::vector<SeparatorKind>{SeparatorKind::started_by_client, SeparatorKind::closed_by_agent,
                                   SeparatorKind::reopened, SeparatorKind::closed_by_manual_action});
  // The stored separator keeps its kind; only the reading changes.
  CHECK(desk.chat("c1").separators[1].kind == SeparatorKind::closed_by_manual_action);
  // A later panel close does not take the reading away from the latest manual one.
  desk.act(at_min(5), "chat.reopen", "c1", "agent:ann");
  desk.act(at_min(6), "chat.close", "c1", "agent:ann");
  CHECK(texts(desk, "c1")[3] == "Closed by manual action" + kDot + time_at(4));
  CHECK(texts(desk, "c1")[5] == "Closed by Ann Lee" + kDot + time_at(6));
}

TEST_CASE("agent start, transfers with reasons, reassignment and group transfer") {
  Desk desk = timeline_desk();
  for (const char* id : {"ann", "bob", "sue"}) desk.status(at_min(0), id, "online");
  desk.ok(at_min(1),
          R"({"type":"chat.start","chat":"c1","group":"sales","channel":"Phone","client":"Zoe","by":"agent:ann"})");
  desk.say(at_min(1), "c1", "agent:ann", "calling back");
  desk.ok(at_min(2), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_agent":"bob","reason":"billing"})");
  desk.ok(at_min(3), R"({"type":"chat.assign","chat":"c1","agent":"ann","by":"agent:sue"})");
  desk.ok(at_min(4), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_group":"support","reason":"tech"})");
  const std::vector<TimelineItem> items = timeline(desk.state, desk.chat("c1"));
  std::vector<std::string> shown = texts(desk, "c1");
  CHECK(shown == std::vector<std::string>{
                     "Started by Ann Lee" + kDot + "Phone",
                     "msg:calling back",
                     "Transferred by Ann Lee" + kDot + time_at(2),
                     "Transferred by Sue Park" + kDot + time_at(3),
                     "Transferred to Support Team by Ann Lee" + kDot + time_at(4),
                 });
  REQUIRE(items.size() == 5);
  CHECK(items[2].reason == "billing");
  CHECK(items[2].separator == SeparatorKind::transferred_by_agent);
  CHECK(items[3].reason == "");
  CHECK(items[4].reason == "tech");
  CHECK(items[4].separator == SeparatorKind::transferred_to_group);
}

TEST_CASE("automatic separators: unanswered transfer, silent close, process and chatbot closes") {
  Desk desk = timeline_desk();
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "sales");
  desk.say(at_min(1), "c1", "client", "hi");
  desk.ok(at_min(6), R"({"type":"tick"})");  // unanswered at 6: back to the queue
  desk.status(at_min(7), "bob", "online");   // routed to bob
  desk.say(at_min(8), "c1", "agent:bob", "hello");
  desk.ok(at_min(30), R"({"type":"tick"})");  // silent close at 18
  CHECK(texts(desk, "c1") == std::vector<std::string>{
                                 "#1 started by Client" + kDot + "Widget",
                                 "msg:hi",
                                 "Transferred by Automatic process" + kDot + time_at(6),
                                 "msg:hello",
                                 "Closed by automatic process \u2013 No answer from Client" + kDot + time_at(18),
                             });
  desk.client_starts(at_min(31), "c2", "sales");
  desk.act(at_min(32), "chat.close", "c2", "process");
  CHECK(texts(desk, "c2").back() == "Closed by process" + kDot + time_at(32));
  desk.client_starts(at_min(33), "c3", "sales");
  desk.act(at_min(34), "chat.close", "c3", "bot:Helper");
  CHECK(texts(desk, "c3").back() == "Closed by Helper" + kDot + time_at(34));
  CHECK(separator_kinds(desk.chat("c3")).back() == SeparatorKind::closed_by_chatbot);
}

TEST_CASE("separators sit between the messages they followed") {
  Desk desk = timeline_desk();
  desk.status(at_min(0), "ann", "online");
  desk.status(at_min(0), "bob", "online");
  desk.client_starts(at_min(1), "c1", "support");
  desk.say(at_min(1), "c1", "client", "one");
  desk.say(at_min(1), "c1", "client", "two");  // waiting: clients may write before anyone accepts
  desk.accept(at_min(2), "c1", "ann");
  desk.ok(at_min(3), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_agent":"bob"})");
  desk.say(at_min(4), "c1", "agent:bob", "three");
  const std::vector<TimelineItem> items = timeline(desk.state, desk.chat("c1"));
  REQUIRE(items.size() == 5);
  CHECK(items[0].kind == TimelineItem::Kind::separator);
  CHECK(items[1].kind == TimelineItem::Kind::message);
  CHECK(items[1].message == MessageIx{0});
  CHECK(items[2].message == MessageIx{1});
  CHECK(items[3].kind == TimelineItem::Kind::separator);
  CHECK(items[3].at == at_min(3));
  CHECK(items[4].message == MessageIx{2});
}

TEST_CASE("the workspace's texts name where a transfer went; SPEC's texts stay as they are") {
  Desk desk = timeline_desk();
  for (const char* id : {"ann", "bob", "sue"}) desk.status(at_min(0), id, "online");
  desk.ok(at_min(1),
          R"({"type":"chat.start","chat":"c1","group":"sales","channel":"Phone","client":"Zoe","by":"agent:ann"})");
  desk.ok(at_min(2), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_agent":"bob"})");
  desk.ok(at_min(3), R"({"type":"chat.assign","chat":"c1","agent":"ann","by":"agent:sue"})");
  desk.ok(at_min(4), R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_group":"support"})");
  std::vector<std::string> named;
  for (const TimelineItem& item : timeline(desk.state, desk.chat("c1"), Targets::named)) named.push_back(item.text);
  CHECK(named == std::vector<std::string>{
                     "Started by Ann Lee" + kDot + "Phone",
                     "Transferred by Ann Lee to Bo Ray" + kDot + time_at(2),
                     "Transferred by Sue Park to Ann Lee" + kDot + time_at(3),
                     "Transferred to Support Team by Ann Lee" + kDot + time_at(4),
                 });
  CHECK(texts(desk, "c1")[1] == "Transferred by Ann Lee" + kDot + time_at(2));  // Targets::spec

  // An unanswered session goes back to its group's queue: the separator names that queue, also after
  // the session later moved to another group.
  for (const char* id : {"bob", "sue"}) desk.status(at_min(10), id, "offline");
  desk.client_starts(at_min(10), "c2", "sales");
  desk.say(at_min(10), "c2", "client", "hi");
  desk.ok(at_min(16), R"({"type":"tick"})");
  desk.ok(at_min(17), R"({"type":"chat.transfer","chat":"c2","by":"agent:ann","to_group":"support"})");
  const std::vector<TimelineItem> items = timeline(desk.state, desk.chat("c2"), Targets::named);
  std::vector<std::string> c2;
  for (const TimelineItem& item : items)
    if (item.kind != TimelineItem::Kind::message) c2.push_back(item.text);
  REQUIRE(c2.size() == 3);
  CHECK(c2[1] == "Transferred by Automatic process to the Sales queue" + kDot + time_at(15));
  CHECK(c2[2] == "Transferred to Support Team by Ann Lee" + kDot + time_at(17));
}
