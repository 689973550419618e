// Unit tests of core/time: RFC 3339 round trips, calendar edges, refusals of malformed text.
#include <doctest/doctest.h>

#include "time.hpp"

using namespace parley;

TEST_CASE("RFC 3339 parses UTC and offsets to the same instant") {
  const auto utc = parse_rfc3339("2026-01-05T09:00:00Z");
  REQUIRE(utc);
  CHECK(*utc == 1767603600000);
  CHECK(parse_rfc3339("2026-01-05T11:00:00+02:00") == utc);
  CHECK(parse_rfc3339("2026-01-05T09:00:00.250Z") == *utc + 250);
}

TEST_CASE("RFC 3339 formatting omits zero milliseconds") {
  CHECK(format_rfc3339(1767603600000) == "2026-01-05T09:00:00Z");
  CHECK(format_rfc3339(1767603600007) == "2026-01-05T09:00:00.007Z");
  CHECK(format_display_time(1767603600000) == "2026-01-05 09:00");
}

TEST_CASE("malformed times are refused") {
  CHECK_FALSE(parse_rfc3339("2026-02-30T09:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2026-01-05 09:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2026-01-05T09:00:00"));
  CHECK_FALSE(parse_rfc3339("2026-01-05T24:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2026-01-05T09:00:00Zjunk"));
}

TEST_CASE("leap days and weekdays") {
  CHECK(parse_rfc3339("2028-02-29T00:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2100-02-29T00:00:00Z"));
  CHECK(weekday_from_days(days_from_civil({2026, 1, 5})) == 0);  // a Monday
  const CivilDate d = civil_from_days(days_from_civil({1999, 12, 31}));
  CHECK(d.year == 1999);
  CHECK(d.month == 12);
  CHECK(d.day == 31);
}
