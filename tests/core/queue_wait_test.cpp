// Unit tests of core/queue_wait: a waiting session's place follows the queue's own order as others
// are taken, the estimate comes from the group's recent waits (none without history), and a group
// outside its business hours tells when it opens.
#include "queue_wait.hpp"

#include <doctest/doctest.h>

#include "desk_fixture.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

// sales: accept routing (sessions wait until an agent takes them); ann and bo online operators.
Desk waiting_desk() {
  Desk desk;
  desk.make_group(at_min(0), "sales", R"({"routing":"accept"})");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.make_agent(at_min(0), "bo", "sales");
  desk.status(at_min(0), "ann", "online");
  desk.status(at_min(0), "bo", "online");
  return desk;
}

std::size_t place(const Desk& desk, const std::string& chat) {
  return queue_position(desk.state, desk.state.chat_ix(chat));
}

}  // namespace

TEST_CASE("the place in the queue follows the queue's order as earlier sessions are taken") {
  Desk desk = waiting_desk();
  desk.client_starts(at_min(1), "c1", "sales");
  desk.client_starts(at_min(2), "c2", "sales");
  desk.client_starts(at_min(3), "c3", "sales");
  CHECK(place(desk, "c1") == 1);
  CHECK(place(desk, "c2") == 2);
  CHECK(place(desk, "c3") == 3);

  desk.accept(at_min(4), "c2", "ann");
  CHECK(place(desk, "c1") == 1);
  CHECK(place(desk, "c2") == 0);  // taken: no longer waiting
  CHECK(place(desk, "c3") == 2);

  desk.accept(at_min(5), "c1", "bo");
  CHECK(place(desk, "c3") == 1);
  const auto wait = queue_wait(desk.state, desk.state.chat_ix("c3"), at_min(5));
  REQUIRE(wait.has_value());
  CHECK(wait->position == 1);
  CHECK(wait->waiting == 1);
  CHECK(queue_wait(desk.state, desk.state.chat_ix("c1"), at_min(5)) == std::nullopt);
  CHECK(queue_position(desk.state, ChatIx{999}) == 0);
}

TEST_CASE("no estimate without recent waits; then position × the median wait, less the time waited") {
  Desk desk = waiting_desk();
  desk.client_starts(at_min(0), "c1", "sales");
  const auto first = queue_wait(desk.state, desk.state.chat_ix("c1"), at_min(0));
  REQUIRE(first.has_value());
  CHECK_FALSE(first->estimated_wait.has_value());

  // Waits of 2, 4 and 9 minutes: the median is 4.
  desk.accept(at_min(2), "c1", "ann");
  desk.client_starts(at_min(10), "c2", "sales");
  desk.accept(at_min(14), "c2", "ann");
  desk.client_starts(at_min(20), "c3", "sales");
  desk.accept(at_min(29), "c3", "bo");
  CHECK(recent_typical_wait(desk.state, desk.group("sales"), at_min(30)) == 4 * kMinute);

  desk.client_starts(at_min(30), "d1", "sales");
  desk.client_starts(at_min(30), "d2", "sales");
  const auto d1 = queue_wait(desk.state, desk.state.chat_ix("d1"), at_min(30));
  const auto d2 = queue_wait(desk.state, desk.state.chat_ix("d2"), at_min(30));
  REQUIRE((d1 && d2));
  CHECK(d1->estimated_wait == 4 * kMinute);
  CHECK(d2->estimated_wait == 8 * kMinute);
  // 90 s later: 8 − 1.5 = 6.5 minutes, rounded up to 7; past the estimate it never goes below 0.
  CHECK(queue_wait(desk.state, desk.state.chat_ix("d2"), at_min(30) + 90 * kSecond)->estimated_wait == 7 * kMinute);
  CHECK(queue_wait(desk.state, desk.state.chat_ix("d1"), at_min(45))->estimated_wait == 0);

  // A day later the old waits no longer count.
  CHECK(recent_typical_wait(desk.state, desk.group("sales"), at_min(30) + kEstimateWindow) == std::nullopt);
  CHECK_FALSE(queue_wait(desk.state, desk.state.chat_ix("d1"), at_min(30) + kEstimateWindow)->estimated_wait);
}

TEST_CASE("the median of an even count of waits is the mean of the middle two") {
  Desk desk = waiting_desk();
  desk.client_starts(at_min(0), "c1", "sales");
  desk.accept(at_min(2), "c1", "ann");
  desk.client_starts(at_min(10), "c2", "sales");
  desk.accept(at_min(16), "c2", "ann");
  CHECK(recent_typical_wait(desk.state, desk.group("sales"), at_min(20)) == 4 * kMinute);
  // The estimate looks only at waits measured up to `now`.
  CHECK(recent_typical_wait(desk.state, desk.group("sales"), at_min(10)) == 2 * kMinute);
  CHECK(recent_typical_wait(desk.state, desk.group("sales"), at_min(1)) == std::nullopt);
}

TEST_CASE("a group outside its business hours tells when it next opens") {
  Desk desk;
  // kT0 is Monday 09:00 UTC; the hours are Monday 10:00–12:00 UTC.
  desk.make_group(at_min(0), "late", R"({"business_hours":{"zone":"UTC","week":{"mon":["10:00-12:00"]}}})");
  desk.make_group(at_min(0), "always");
  CHECK(group_next_opening(desk.state, desk.group("late"), at_min(0)) == at_min(60));
  CHECK(group_next_opening(desk.state, desk.group("late"), at_min(90)) == std::nullopt);  // open now
  CHECK(group_next_opening(desk.state, desk.group("late"), at_min(200)) == at_min(60) + 7 * kDay);
  CHECK(group_next_opening(desk.state, desk.group("always"), at_min(0)) == std::nullopt);
}
