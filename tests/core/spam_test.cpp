// The blocklist's matching (CIDR ranges of both families, folded substring and whole-word patterns in
// linear time) and spam across the replica: marks, unmarks and rule-spam reach every viewer's replica
// and bootstraps so that they show what the server shows.
#include <doctest/doctest.h>

#include <string>

#include "block_rules.hpp"
#include "desk_fixture.hpp"
#include "replica_feed.hpp"
#include "team_board.hpp"
#include "views.hpp"

namespace parley::test {

namespace {

bool in_range(const char* range, const char* address) {
  const auto r = parse_cidr(range);
  const auto a = parse_ip(address);
  REQUIRE_MESSAGE(r.has_value(), range);
  REQUIRE_MESSAGE(a.has_value(), address);
  return range_contains(*r, *a);
}

}  // namespace

TEST_CASE("address ranges: IPv4 and IPv6 CIDR, bare addresses, and what is not an address") {
  CHECK(in_range("203.0.113.0/24", "203.0.113.255"));
  CHECK_FALSE(in_range("203.0.113.0/24", "203.0.114.0"));
  CHECK(in_range("10.0.0.0/8", "10.255.1.2"));
  CHECK(in_range("0.0.0.0/0", "8.8.8.8"));
  CHECK(in_range("192.168.1.7", "192.168.1.7"));
  CHECK_FALSE(in_range("192.168.1.7", "192.168.1.8"));
  CHECK(in_range("172.16.0.0/12", "172.31.255.255"));
  CHECK_FALSE(in_range("172.16.0.0/12", "172.32.0.0"));
  CHECK(in_range("2001:db8::/32", "2001:DB8:ffff::1"));
  CHECK_FALSE(in_range("2001:db8::/32", "2001:db9::1"));
  CHECK(in_range("::1", "0:0:0:0:0:0:0:1"));
  CHECK(in_range("fe80::/10", "febf::1"));
  CHECK_FALSE(in_range("fe80::/10", "fec0::1"));
  CHECK(in_range("10.0.0.0/8", "::ffff:10.1.2.3"));  // IPv4-mapped
  CHECK_FALSE(in_range("::/0", "10.1.2.3"));         // the families never mix
  CHECK(in_range("64:ff9b::/96", "64:ff9b::192.0.2.1"));
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/x",
                          "::/129", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", ":1::", "1.2.3.4/-1"})
    CHECK_MESSAGE(!parse_cidr(bad), bad);
}

TEST_CASE("text patterns: folded, spaces as one, whole words, and linear on hostile input") {
  CHECK(text_matches("casino", "Best CASINO in town", TextMatch::word));
  CHECK(text_matches("casino", "casino-night", TextMatch::word));
  CHECK_FALSE(text_matches("casino", "casinos", TextMatch::word));
  CHECK(text_matches("casino", "casinos", TextMatch::substring));
  CHECK(text_matches("casino", "casinos and a casino", TextMatch::word));  // a later occurrence counts
  CHECK(text_matches("free money", "FREE \n\t MONEY", TextMatch::substring));
  CHECK(text_matches("Straße", "STRASSE", TextMatch::word));
  CHECK(text_matches("cafe", "au Café!", TextMatch::word));
  CHECK_FALSE(text_matches("ab", "日本ab", TextMatch::word));  // non-ASCII letters are word characters
  CHECK_FALSE(text_matches("", "anything", TextMatch::substring));
  CHECK_FALSE(text_matches("   ", "a   b", TextMatch::substring));
  // A pattern that makes naive and backtracking searches quadratic: a million bytes, one pass.
  const std::string hay(1000000, 'a');
  const std::string needle = std::string(5000, 'a') + "b";
  CHECK_FALSE(text_matches(needle, hay, TextMatch::substring));
  CHECK(text_matches(needle, hay + "b", TextMatch::substring));
  CHECK_FALSE(text_matches(needle, hay + "b", TextMatch::word));
  CHECK(text_matches(needle, hay + " " + needle, TextMatch::word));
}

TEST_CASE("the team board leaves spam out: no waiting count, no load, no risk; unmarked it waits") {
  Desk desk;
  desk.make_group(kT0, "sales", R"({"routing":"accept","first_response_min":1})");
  desk.make_agent(kT0, "ann", "sales");
  desk.make_agent(kT0, "sam", "sales", "supervisor");
  desk.status(kT0, "ann", "online");
  desk.ok(at_min(1), R"({"type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"})");
  desk.ok(at_min(1), R"({"type":"message.send","chat":"c1","from":"client","text":"hello"})");
  desk.ok(at_min(1), R"({"type":"chat.accept","chat":"c1","agent":"ann"})");
  desk.ok(at_min(2), R"({"type":"chat.start","chat":"c2","group":"sales","channel":"Widget","client":"eve","by":"client"})");
  desk.ok(at_min(2), R"({"type":"message.send","chat":"c2","from":"client","text":"hi"})");
  const Login sam{desk.agent("sam"), kRoleSupervisor};
  const auto before = team_board(desk.state, sam, at_min(2)).value();
  CHECK(before.groups.at(0).waiting == 1);
  CHECK(before.at_risk_total > 0);
  desk.ok(at_min(3), R"({"type":"chat.mark_spam","chat":"c1","by":"agent:sam"})");
  desk.ok(at_min(3), R"({"type":"chat.mark_spam","chat":"c2","by":"agent:sam"})");
  const auto marked = team_board(desk.state, sam, at_min(3)).value();
  CHECK(marked.groups.at(0).waiting == 0);
  CHECK(marked.at_risk_total == 0);
  for (const BoardAgent& a : marked.agents) CHECK(a.active == 0);
  desk.ok(at_min(31), R"({"type":"chat.unmark_spam","chat":"c2","by":"agent:sam"})");
  CHECK(team_board(desk.state, sam, at_min(31)).value().groups.at(0).waiting == 1);
}

TEST_CASE("spam reaches replicas and bootstraps as the server has it") {
  Desk desk;
  RoutedDesk feed;
  desk.make_group(kT0, "sales", R"({"routing":"accept"})");
  desk.make_agent(kT0, "ann", "sales");
  desk.make_agent(kT0, "sam", "sales", "supervisor");
  desk.make_agent(kT0, "root", "", "admin");
  desk.status(kT0, "ann", "online");
  desk.ok(kT0, R"({"type":"blocklist.add","rule":"bots","kind":"visitor","value":"v-bot","action":"spam","by":"agent:root"})");
  desk.ok(at_min(1), R"({"type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"})");
  desk.ok(at_min(1), R"({"type":"message.send","chat":"c1","from":"client","text":"hello"})");
  desk.ok(at_min(2), R"({"type":"chat.accept","chat":"c1","agent":"ann"})");
  desk.ok(at_min(3), R"({"type":"chat.start","chat":"c2","group":"sales","channel":"Widget","client":"v","by":"client","visitor":"v-bot"})");
  desk.ok(at_min(3), R"({"type":"message.send","chat":"c2","from":"client","text":"buy"})");
  desk.ok(at_min(4), R"({"type":"chat.mark_spam","chat":"c1","by":"agent:sam"})");
  feed.feed(desk.log);
  feed.start_late(desk.agent("ann"));
  feed.start_late(desk.agent("sam"));
  feed.check_replicas(at_min(5));
  const AgentIx sam = desk.agent("sam");
  CHECK(session_list_size(feed.replicas[sam], sam, ListView::spam).value() == 2);
  CHECK(feed.late.back().second.chats[feed.late.back().second.chat_ix("c2")].spam);
  CHECK(feed.server.groups[desk.group("sales")].queue.empty());

  const std::size_t from = desk.log.size();
  desk.ok(at_min(6), R"({"type":"chat.unmark_spam","chat":"c2","by":"agent:root"})");
  for (std::size_t i = from; i < desk.log.size(); ++i) feed.feed(desk.log[i]);
  feed.check_replicas(at_min(7));
  CHECK(session_list_size(feed.replicas[sam], sam, ListView::spam).value() == 1);
  CHECK(session_list_size(feed.replicas[desk.agent("ann")], desk.agent("ann"), ListView::queue).value() == 1);
}

}  // namespace parley::test
