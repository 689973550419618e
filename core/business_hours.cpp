// Time-zone offsets (fixed or EU/US daylight-saving rules) and the weekly open check.
#include "business_hours.hpp"

#include <algorithm>
#include <cstdio>

namespace parley {

namespace {

struct NamedZone {
  const char* name;
  int standard_offset_min;
  DstRule dst;
};

constexpr NamedZone kZones[] = {
    {"UTC", 0, DstRule::none},
    {"Etc/UTC", 0, DstRule::none},
    {"Europe/London", 0, DstRule::european_union},
    {"Europe/Dublin", 0, DstRule::european_union},
    {"Europe/Lisbon", 0, DstRule::european_union},
    {"Europe/Berlin", 60, DstRule::european_union},
    {"Europe/Paris", 60, DstRule::european_union},
    {"Europe/Madrid", 60, DstRule::european_union},
    {"Europe/Rome", 60, DstRule::european_union},
    {"Europe/Amsterdam", 60, DstRule::european_union},
    {"Europe/Warsaw", 60, DstRule::european_union},
    {"Europe/Prague", 60, DstRule::european_union},
    {"Europe/Stockholm", 60, DstRule::european_union},
    {"Europe/Athens", 120, DstRule::european_union},
    {"Europe/Helsinki", 120, DstRule::european_union},
    {"Europe/Kyiv", 120, DstRule::european_union},
    {"Europe/Istanbul", 180, DstRule::none},
    {"Europe/Moscow", 180, DstRule::none},
    {"America/New_York", -300, DstRule::united_states},
    {"America/Chicago", -360, DstRule::united_states},
    {"America/Denver", -420, DstRule::united_states},
    {"America/Los_Angeles", -480, DstRule::united_states},
    {"America/Phoenix", -420, DstRule::none},
    {"America/Sao_Paulo", -180, DstRule::none},
    {"Asia/Dubai", 240, DstRule::none},
    {"Asia/Kolkata", 330, DstRule::none},
    {"Asia/Singapore", 480, DstRule::none},
    {"Asia/Shanghai", 480, DstRule::none},
    {"Asia/Tokyo", 540, DstRule::none},
};

// Day number of the n-th (1-based; 0 = last) given weekday of a month.
std::int64_t nth_weekday(int year, int month, int weekday, int n) {
  if (n == 0) {
    const int next_year = month == 12 ? year + 1 : year;
    const int next_month = month == 12 ? 1 : month + 1;
    std::int64_t day = days_from_civil({next_year, next_month, 1}) - 1;
    while (weekday_from_days(day) != weekday) --day;
    return day;
  }
  std::int64_t day = days_from_civil({year, month, 1});
  while (weekday_from_days(day) != weekday) ++day;
  return day + 7 * (n - 1);
}

bool in_dst(const TimeZone& zone, Timestamp at) {
  const std::int64_t days = at >= 0 ? at / kDay : (at - kDay + 1) / kDay;
  const int year = civil_from_days(days).year;
  constexpr int kSunday = 6;
  if (zone.dst == DstRule::european_union) {
    // 01:00 UTC on the last Sunday of March until 01:00 UTC on the last Sunday of October.
    const Timestamp start = nth_weekday(year, 3, kSunday, 0) * kDay + kHour;
    const Timestamp end = nth_weekday(year, 10, kSunday, 0) * kDay + kHour;
    return at >= start && at < end;
  }
  if (zone.dst == DstRule::united_states) {
    // 02:00 local standard time, second Sunday of March, until 02:00 local daylight time, first Sunday of November.
    const Timestamp start = nth_weekday(year, 3, kSunday, 2) * kDay + 2 * kHour - zone.standard_offset_min * kMinute;
    const Timestamp end =
        nth_weekday(year, 11, kSunday, 1) * kDay + 2 * kHour - (zone.standard_offset_min + 60) * kMinute;
    return at >= start && at < end;
  }
  return false;
}

}  // namespace

std::optional<TimeZone> find_time_zone(std::string_view name) {
  for (const NamedZone& zone : kZones)
    if (name == zone.name) return TimeZone{std::string(name), zone.standard_offset_min, zone.dst};
  if (name.size() == 6 && (name[0] == '+' || name[0] == '-') && name[3] == ':') {
    int digits[4];
    const std::size_t positions[4] = {1, 2, 4, 5};
    for (int i = 0; i < 4; ++i) {
      const char c = name[positions[i]];
      if (c < '0' || c > '9') return std::nullopt;
      digits[i] = c - '0';
    }
    const int hours = digits[0] * 10 + digits[1];
    const int minutes = digits[2] * 10 + digits[3];
    if (hours > 14 || minutes > 59) return std::nullopt;
    const int offset = (hours * 60 + minutes) * (name[0] == '-' ? -1 : 1);
    return TimeZone{std::string(name), offset, DstRule::none};
  }
  return std::nullopt;
}

int utc_offset_min(const TimeZone& zone, Timestamp at) {
  return zone.standard_offset_min + (in_dst(zone, at) ? 60 : 0);
}

bool is_open(const BusinessHours& hours, Timestamp at) {
  const Timestamp local = at + utc_offset_min(hours.zone, at) * kMinute;
  const std::int64_t days = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
  if (std::binary_search(hours.closed_days.begin(), hours.closed_days.end(), days)) return false;
  const int minute_of_day = static_cast<int>((local - days * kDay) / kMinute);
  for (const DayRange& range : hours.week[static_cast<std::size_t>(weekday_from_days(days))])
    if (minute_of_day >= range.start_min && minute_of_day < range.end_min) return true;
  return false;
}

std::optional<Timestamp> next_opening(const BusinessHours& hours, Timestamp after) {
  const Timestamp local_after = after + utc_offset_min(hours.zone, after) * kMinute;
  const std::int64_t first_day = (local_after >= 0 ? local_after / kDay : (local_after - kDay + 1) / kDay) - 1;
  std::optional<Timestamp> best;
  // Holidays can close whole weeks: look one day further for each.
  const auto last_day = first_day + 9 + static_cast<std::int64_t>(hours.closed_days.size());
  for (std::int64_t day = first_day; day <= last_day; ++day) {
    if (best && day * kDay > *best + kDay) break;
    for (const DayRange& range : hours.week[static_cast<std::size_t>(weekday_from_days(day))]) {
      const Timestamp local = day * kDay + range.start_min * kMinute;
      const Timestamp guess = local - hours.zone.standard_offset_min * kMinute;
      const Timestamp at = local - utc_offset_min(hours.zone, guess) * kMinute;
      if (at <= after || (best && at >= *best)) continue;
      if (is_open(hours, at) && !is_open(hours, at - kMinute)) best = at;
    }
  }
  return best;
}

namespace {
// The end of the open range `at` is in (the caller knows it is open), by the zone's offset at `at`.
Timestamp current_closing(const BusinessHours& hours, Timestamp at) {
  const int offset = utc_offset_min(hours.zone, at);
  const Timestamp local = at + offset * kMinute;
  const std::int64_t days = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
  const int minute_of_day = static_cast<int>((local - days * kDay) / kMinute);
  for (const DayRange& range : hours.week[static_cast<std::size_t>(weekday_from_days(days))])
    if (minute_of_day >= range.start_min && minute_of_day < range.end_min)
      return days * kDay + range.end_min * kMinute - offset * kMinute;
  return at;
}
}  // namespace

std::optional<Timestamp> add_open_time(const BusinessHours& hours, Timestamp start, Duration duration) {
  Timestamp at = start;
  Duration left = duration;
  // Each step crosses one open range or one closed gap; a year of daily ranges is the most asked for.
  for (int step = 0; step < 1000; ++step) {
    if (!is_open(hours, at)) {
      const auto opening = next_opening(hours, at);
      if (!opening) return std::nullopt;
      at = *opening;
      continue;
    }
    const Timestamp closing = std::max(current_closing(hours, at), at + kMinute);
    if (closing - at >= left) return at + left;
    left -= closing - at;
    at = closing;
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_local_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i)
    for (std::size_t k = 0; k < lengths[i]; ++k) {
      const char c = text[starts[i] + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  const CivilDate date{parts[0], parts[1], parts[2]};
  if (date.year < 1970 || date.month < 1 || date.month > 12 || date.day < 1) return std::nullopt;
  const std::int64_t days = days_from_civil(date);
  const CivilDate back = civil_from_days(days);
  if (back.month != date.month || back.day != date.day) return std::nullopt;  // e.g. 02-30
  return days;
}

std::string format_local_date(std::int64_t days) {
  const CivilDate date = civil_from_days(days);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

std::optional<DayRange> parse_day_range(std::string_view text) {
  if (text.size() != 11 || text[2] != ':' || text[5] != '-' || text[8] != ':') return std::nullopt;
  int values[4];
  const std::size_t starts[4] = {0, 3, 6, 9};
  for (int i = 0; i < 4; ++i) {
    const char a = text[starts[i]], b = text[starts[i] + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return std::nullopt;
    values[i] = (a - '0') * 10 + (b - '0');
  }
  if (values[1] > 59 || values[3] > 59) return std::nullopt;
  const DayRange range{values[0] * 60 + values[1], values[2] * 60 + values[3]};
  if (range.start_min >= 1440 || range.end_min > 1440 || range.start_min >= range.end_min) return std::nullopt;
  return range;
}

std::string format_day_range(DayRange range) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d-%02d:%02d", range.start_min / 60, range.start_min % 60,
                range.end_min / 60, range.end_min % 60);
  return buffer;
}

}  // namespace parley
