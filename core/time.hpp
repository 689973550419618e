// Timestamps: integer milliseconds since the Unix epoch, UTC, and their RFC 3339 text form.
// Pure and deterministic; parsing reports failure through std::optional, never throws.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parley {

using Timestamp = std::int64_t;  // ms since 1970-01-01T00:00:00Z
using Duration = std::int64_t;   // ms

constexpr Duration kSecond = 1000;
constexpr Duration kMinute = 60 * kSecond;
constexpr Duration kHour = 60 * kMinute;
constexpr Duration kDay = 24 * kHour;

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

std::int64_t days_from_civil(CivilDate date);
CivilDate civil_from_days(std::int64_t days);
int weekday_from_days(std::int64_t days);  // 0 = Monday … 6 = Sunday

// Accepts `YYYY-MM-DDTHH:MM:SS[.fff]Z` (or a ±HH:MM offset); returns UTC milliseconds.
std::optional<Timestamp> parse_rfc3339(std::string_view text);
// `YYYY-MM-DDTHH:MM:SSZ`, with `.mmm` only when the milliseconds are not zero.
std::string format_rfc3339(Timestamp at);
// `YYYY-MM-DD HH:MM` in UTC, the form separators show.
std::string format_display_time(Timestamp at);

}  // namespace parley
