// Group business hours: a weekly schedule of local-time ranges in a time zone.
// Zones are fixed offsets (`UTC`, `+02:00`) or a built-in set of IANA names with their DST rules.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "time.hpp"

namespace parley {

enum class DstRule { none, european_union, united_states };

struct TimeZone {
  std::string name;            // as written in the settings
  int standard_offset_min = 0; // east of UTC
  DstRule dst = DstRule::none;
};

// Known names: UTC, fixed offsets ±HH:MM, and the IANA zones listed in docs/DECISIONS.md.
std::optional<TimeZone> find_time_zone(std::string_view name);
int utc_offset_min(const TimeZone& zone, Timestamp at);

struct DayRange {
  int start_min;  // minutes after local midnight, inclusive
  int end_min;    // exclusive, up to 1440
};

constexpr std::size_t kMaxClosedDays = 400;

struct BusinessHours {
  TimeZone zone;
  std::array<std::vector<DayRange>, 7> week;  // index 0 = Monday
  std::vector<std::int64_t> closed_days;      // holidays: local dates as days since 1970-01-01, sorted, unique
};

bool is_open(const BusinessHours& hours, Timestamp at);
// The first moment after `after` at which the hours open (closed the minute before), within the
// next eight days; nullopt for a week with no hours.
std::optional<Timestamp> next_opening(const BusinessHours& hours, Timestamp after);
// The moment `duration` of open time after `start` has passed (time outside the hours does not
// count); nullopt for a week with no hours.
std::optional<Timestamp> add_open_time(const BusinessHours& hours, Timestamp start, Duration duration);
// `YYYY-MM-DD` as days since 1970-01-01, for a real calendar date.
std::optional<std::int64_t> parse_local_date(std::string_view text);
std::string format_local_date(std::int64_t days);
// `HH:MM-HH:MM`; end may be 24:00.
std::optional<DayRange> parse_day_range(std::string_view text);
std::string format_day_range(DayRange range);

}  // namespace parley
