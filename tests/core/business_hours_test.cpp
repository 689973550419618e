// Unit tests of core/business_hours: zone lookup, fixed offsets, EU and US DST switch instants,
// weekly ranges (inclusive start, exclusive end, 24:00), refusals, and group online-ness.
#include "business_hours.hpp"

#include <doctest/doctest.h>

#include "desk_fixture.hpp"
#include "model.hpp"

using namespace parley;
using parley::test::utc;

namespace {

TimeZone zone(std::string_view name) {
  const std::optional<TimeZone> found = find_time_zone(name);
  REQUIRE_MESSAGE(found.has_value(), std::string(name));
  return *found;
}

int offset(std::string_view name, std::string_view at) { return utc_offset_min(zone(name), utc(at)); }

BusinessHours weekdays(std::string_view zone_name, std::string_view range) {
  BusinessHours hours;
  hours.zone = zone(zone_name);
  const auto parsed = parse_day_range(range);
  REQUIRE(parsed.has_value());
  for (int day = 0; day < 5; ++day) hours.week[static_cast<std::size_t>(day)].push_back(*parsed);
  return hours;
}

}  // namespace

TEST_CASE("fixed offsets are read as minutes east of UTC and never shift") {
  CHECK(offset("UTC", "2026-07-01T12:00:00Z") == 0);
  CHECK(offset("+05:30", "2026-01-01T00:00:00Z") == 330);
  CHECK(offset("-03:45", "2026-07-01T00:00:00Z") == -225);
  CHECK(offset("+14:00", "2026-07-01T00:00:00Z") == 840);
  CHECK(offset("America/Phoenix", "2026-07-01T12:00:00Z") == -420);  // no DST
  CHECK(offset("Asia/Tokyo", "2026-07-01T12:00:00Z") == 540);
  CHECK(zone("+05:30").name == "+05:30");
}

TEST_CASE("unknown or malformed zones are refused") {
  for (const char* name : {"", "Mars/Olympus", "europe/berlin", "Europe/Berlin ", "+0200", "+2:00", "+15:00", "-02:60",
                           "+aa:00", "GMT+1", "+02:00:00"})
    CHECK_MESSAGE(!find_time_zone(name).has_value(), name);
}

TEST_CASE("Europe/Berlin switches at 01:00 UTC on the last Sundays of March and October") {
  CHECK(offset("Europe/Berlin", "2026-01-15T12:00:00Z") == 60);
  CHECK(offset("Europe/Berlin", "2026-03-29T00:59:59Z") == 60);
  CHECK(offset("Europe/Berlin", "2026-03-29T01:00:00Z") == 120);
  CHECK(offset("Europe/Berlin", "2026-07-01T12:00:00Z") == 120);
  CHECK(offset("Europe/Berlin", "2026-10-25T00:59:59Z") == 120);
  CHECK(offset("Europe/Berlin", "2026-10-25T01:00:00Z") == 60);
  // The same UTC instant for London and Athens (one EU rule for every zone).
  CHECK(offset("Europe/London", "2026-03-29T00:59:00Z") == 0);
  CHECK(offset("Europe/London", "2026-03-29T01:00:00Z") == 60);
  CHECK(offset("Europe/Athens", "2026-03-29T01:00:00Z") == 180);
  // 2027: the last Sunday of March is the 28th.
  CHECK(offset("Europe/Paris", "2027-03-28T00:59:00Z") == 60);
  CHECK(offset("Europe/Paris", "2027-03-28T01:00:00Z") == 120);
  CHECK(offset("Europe/Moscow", "2026-07-01T12:00:00Z") == 180);
}

TEST_CASE("America zones switch at 02:00 local on the second Sunday of March and first of November") {
  // 2026-03-08 02:00 EST = 07:00 UTC; 2026-11-01 02:00 EDT = 06:00 UTC.
  CHECK(offset("America/New_York", "2026-03-08T06:59:59Z") == -300);
  CHECK(offset("America/New_York", "2026-03-08T07:00:00Z") == -240);
  CHECK(offset("America/New_York", "2026-11-01T05:59:59Z") == -240);
  CHECK(offset("America/New_York", "2026-11-01T06:00:00Z") == -300);
  CHECK(offset("America/Chicago", "2026-03-08T07:59:00Z") == -360);
  CHECK(offset("America/Chicago", "2026-03-08T08:00:00Z") == -300);
  CHECK(offset("America/Los_Angeles", "2026-11-01T08:59:00Z") == -420);
  CHECK(offset("America/Los_Angeles", "2026-11-01T09:00:00Z") == -480);
  // The EU has not switched yet while New York already has (2026-03-20).
  CHECK(offset("America/New_York", "2026-03-20T12:00:00Z") == -240);
  CHECK(offset("Europe/Berlin", "2026-03-20T12:00:00Z") == 60);
}

TEST_CASE("day ranges: HH:MM-HH:MM, end exclusive and up to 24:00") {
  const auto day = parse_day_range("00:00-24:00");
  REQUIRE(day.has_value());
  CHECK(day->start_min == 0);
  CHECK(day->end_min == 1440);
  CHECK(format_day_range(*day) == "00:00-24:00");
  const auto late = parse_day_range("18:30-24:00");
  REQUIRE(late.has_value());
  CHECK(late->start_min == 1110);
  CHECK(format_day_range(*late) == "18:30-24:00");
  for (const char* bad : {"24:00-24:00", "17:00-09:00", "09:00-09:00", "9:00-17:00", "09:60-10:00", "09:00-24:01",
                          "25:00-26:00", "09:00 17:00", "09:00-17:00 ", "ab:00-17:00", ""})
    CHECK_MESSAGE(!parse_day_range(bad).has_value(), bad);
}

TEST_CASE("weekly ranges are checked in local time: start inclusive, end exclusive") {
  const BusinessHours berlin = weekdays("Europe/Berlin", "09:00-17:00");
  // Monday 2026-01-05, CET (+1).
  CHECK_FALSE(is_open(berlin, utc("2026-01-05T07:59:59Z")));
  CHECK(is_open(berlin, utc("2026-01-05T08:00:00Z")));
  CHECK(is_open(berlin, utc("2026-01-05T15:59:59Z")));
  CHECK_FALSE(is_open(berlin, utc("2026-01-05T16:00:00Z")));
  // Saturday and Sunday have no ranges.
  CHECK_FALSE(is_open(berlin, utc("2026-01-10T10:00:00Z")));
  CHECK_FALSE(is_open(berlin, utc("2026-01-11T10:00:00Z")));
  // Monday 2026-07-06, CEST (+2): opening moves one UTC hour earlier.
  CHECK_FALSE(is_open(berlin, utc("2026-07-06T06:59:00Z")));
  CHECK(is_open(berlin, utc("2026-07-06T07:00:00Z")));
  CHECK_FALSE(is_open(berlin, utc("2026-07-06T15:00:00Z")));
}

TEST_CASE("opening hours follow New York's DST switch") {
  const BusinessHours ny = weekdays("America/New_York", "09:00-17:00");
  CHECK(is_open(ny, utc("2026-03-06T14:00:00Z")));  // Friday, EST: 09:00 local
  CHECK_FALSE(is_open(ny, utc("2026-03-06T13:59:00Z")));
  CHECK(is_open(ny, utc("2026-03-09T13:00:00Z")));  // Monday after the switch, EDT: 09:00 local
  CHECK_FALSE(is_open(ny, utc("2026-03-09T12:59:00Z")));
  CHECK_FALSE(is_open(ny, utc("2026-03-09T21:00:00Z")));  // 17:00 EDT
}

TEST_CASE("the local weekday, not the UTC one, picks the ranges") {
  BusinessHours hours;
  hours.zone = zone("+10:00");
  hours.week[0].push_back(*parse_day_range("00:00-01:00"));  // Monday only
  CHECK(is_open(hours, utc("2026-01-04T14:30:00Z")));        // Sunday UTC, Monday 00:30 local
  CHECK_FALSE(is_open(hours, utc("2026-01-05T00:30:00Z")));  // Monday UTC, Monday 10:30 local
  BusinessHours evening;
  evening.zone = zone("-05:00");
  evening.week[4].push_back(*parse_day_range("20:00-24:00"));  // Friday evening
  CHECK(is_open(evening, utc("2026-01-10T04:59:59Z")));        // Friday 23:59:59 local
  CHECK_FALSE(is_open(evening, utc("2026-01-10T05:00:00Z")));  // Saturday 00:00 local
}

TEST_CASE("several ranges a day, and an empty week is always closed") {
  BusinessHours split;
  split.zone = zone("UTC");
  split.week[1] = {*parse_day_range("08:00-12:00"), *parse_day_range("13:00-17:00")};  // Tuesday
  CHECK(is_open(split, utc("2026-01-06T11:59:00Z")));
  CHECK_FALSE(is_open(split, utc("2026-01-06T12:30:00Z")));
  CHECK(is_open(split, utc("2026-01-06T13:00:00Z")));
  BusinessHours never;
  never.zone = zone("UTC");
  CHECK_FALSE(is_open(never, utc("2026-01-06T12:00:00Z")));
}

TEST_CASE("next opening: the first closed-to-open moment, in local time across a DST switch") {
  BusinessHours hours;
  hours.zone = zone("Europe/Berlin");
  hours.week[0] = {DayRange{9 * 60, 17 * 60}};  // Monday
  hours.week[4] = {DayRange{9 * 60, 12 * 60}};  // Friday
  CHECK(next_opening(hours, utc("2026-01-05T07:00:00Z")) == utc("2026-01-05T08:00:00Z"));
  CHECK(next_opening(hours, utc("2026-01-05T08:00:00Z")) == utc("2026-01-09T08:00:00Z"));  // open now: the next one
  CHECK(next_opening(hours, utc("2026-01-05T12:00:00Z")) == utc("2026-01-09T08:00:00Z"));
  // Summer time begins on Sunday 2026-03-29: Monday 09:00 Berlin is 07:00 UTC.
  CHECK(next_opening(hours, utc("2026-03-28T00:00:00Z")) == utc("2026-03-30T07:00:00Z"));
  BusinessHours around_midnight;
  around_midnight.zone = zone("UTC");
  around_midnight.week[0] = {DayRange{22 * 60, 24 * 60}};
  around_midnight.week[1] = {DayRange{0, 2 * 60}};  // one opening on Monday 22:00, not another at Tuesday 00:00
  CHECK(next_opening(around_midnight, utc("2026-01-05T23:00:00Z")) == utc("2026-01-12T22:00:00Z"));
  CHECK_FALSE(next_opening(BusinessHours{zone("UTC"), {}}, utc("2026-01-05T23:00:00Z")).has_value());
}

TEST_CASE("open time: only time inside the hours counts, across nights, weekends and midnight") {
  BusinessHours hours;
  hours.zone = zone("Europe/Berlin");
  hours.week[0] = {DayRange{9 * 60, 17 * 60}};                          // Monday
  hours.week[1] = {DayRange{9 * 60, 12 * 60}, DayRange{13 * 60, 17 * 60}};  // Tuesday, with a lunch break
  const auto add = [&](const char* start, Duration d) { return add_open_time(hours, utc(start), d); };
  CHECK(add("2026-01-05T09:00:00Z", 30 * kMinute) == utc("2026-01-05T09:30:00Z"));  // 10:00 Berlin, open
  CHECK(add("2026-01-05T06:00:00Z", 30 * kMinute) == utc("2026-01-05T08:30:00Z"));  // waits for 09:00 Berlin
  CHECK(add("2026-01-05T15:50:00Z", 30 * kMinute) == utc("2026-01-06T08:20:00Z"));  // 10 min Monday, 20 Tuesday
  CHECK(add("2026-01-06T10:50:00Z", 30 * kMinute) == utc("2026-01-06T12:20:00Z"));  // skips the lunch hour
  CHECK(add("2026-01-06T15:30:00Z", 60 * kMinute) == utc("2026-01-12T08:30:00Z"));  // Tuesday to next Monday
  CHECK(add("2026-01-05T10:00:00Z", 0) == utc("2026-01-05T10:00:00Z"));
  CHECK_FALSE(add_open_time(BusinessHours{zone("UTC"), {}}, utc("2026-01-05T10:00:00Z"), kMinute).has_value());
  BusinessHours around_midnight;
  around_midnight.zone = zone("UTC");
  around_midnight.week[0] = {DayRange{22 * 60, 24 * 60}};
  around_midnight.week[1] = {DayRange{0, 2 * 60}};
  CHECK(add_open_time(around_midnight, utc("2026-01-05T23:00:00Z"), 2 * kHour) == utc("2026-01-06T01:00:00Z"));
}

TEST_CASE("a group is online only inside its hours and with an online member") {
  parley::test::Desk desk;
  const Timestamp monday_8 = utc("2026-01-05T08:00:00Z");
  desk.make_group(monday_8, "berlin", R"({"business_hours":{"zone":"Europe/Berlin","week":{"mon":["09:00-17:00"]}}})");
  desk.make_agent(monday_8, "ann", "berlin");
  const GroupIx g = desk.group("berlin");
  CHECK_FALSE(is_group_online(desk.state, g, utc("2026-01-05T10:00:00Z")));  // nobody online
  desk.status(monday_8, "ann", "online");
  CHECK(is_group_online(desk.state, g, utc("2026-01-05T10:00:00Z")));
  CHECK_FALSE(is_group_online(desk.state, g, utc("2026-01-05T16:00:00Z")));  // 17:00 Berlin
  CHECK_FALSE(is_group_online(desk.state, g, utc("2026-01-06T10:00:00Z")));  // Tuesday
}

TEST_CASE("business hours in an unknown zone are refused on the wire") {
  const auto json =
      parse_json(R"({"type":"group.create","group":"g","settings":{"business_hours":{"zone":"Mars/Base","week":{}}}})");
  REQUIRE(json.has_value());
  const Result<Command> command = command_from_json(*json);
  REQUIRE_FALSE(command.ok());
  CHECK(command.error().code == ErrorCode::bad_command);
  const auto bad_range = parse_json(
      R"({"type":"group.create","group":"g","settings":{"business_hours":{"zone":"UTC","week":{"mon":["17:00-09:00"]}}}})");
  REQUIRE(bad_range.has_value());
  CHECK_FALSE(command_from_json(*bad_range).ok());
}

TEST_CASE("a transfer to a group outside its hours is refused as group_offline") {
  parley::test::Desk desk;
  const Timestamp monday_8 = utc("2026-01-05T08:00:00Z");
  desk.make_group(monday_8, "here");
  desk.make_group(monday_8, "ny", R"({"business_hours":{"zone":"America/New_York","week":{"mon":["09:00-17:00"]}}})");
  desk.make_agent(monday_8, "ann", "here,ny");
  desk.status(monday_8, "ann", "online");
  desk.client_starts(monday_8, "c1", "here");
  REQUIRE(desk.assignee("c1") == "ann");
  const char* transfer = R"({"type":"chat.transfer","chat":"c1","by":"agent:ann","to_group":"ny"})";
  CHECK(desk.refusal(utc("2026-01-05T13:59:00Z"), transfer) == "group_offline");  // 08:59 EST
  CHECK(desk.refusal(utc("2026-01-05T14:00:00Z"), transfer) == "accepted");
}
