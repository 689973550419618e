// Day ranges for the Reports screen.
#include "report_range.hpp"

#include <cstdio>

namespace parley::web {

namespace {
std::int64_t day_of(Timestamp at) { return at >= 0 ? at / kDay : -((-at + kDay - 1) / kDay); }
}  // namespace

std::optional<std::int64_t> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p)
    for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  const CivilDate date{parts[0], parts[1], parts[2]};
  if (date.month < 1 || date.month > 12 || date.day < 1) return std::nullopt;
  const std::int64_t days = days_from_civil(date);
  const CivilDate back = civil_from_days(days);
  if (back.year != date.year || back.month != date.month || back.day != date.day) return std::nullopt;  // 31 April
  return days;
}

std::string format_day(std::int64_t days) {
  const CivilDate date = civil_from_days(days);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

std::string format_day_of(Timestamp at) { return format_day(day_of(at)); }

Result<DaySpan> report_range(RangeKind kind, Timestamp now, std::string_view first_day, std::string_view last_day) {
  const std::int64_t today = day_of(now);
  switch (kind) {
    case RangeKind::today: return DaySpan{today * kDay, (today + 1) * kDay};
    case RangeKind::yesterday: return DaySpan{(today - 1) * kDay, today * kDay};
    case RangeKind::last_7_days: return DaySpan{(today - 6) * kDay, (today + 1) * kDay};
    case RangeKind::custom: break;
  }
  const auto first = parse_day(first_day), last = parse_day(last_day);
  if (!first) return fail(ErrorCode::bad_command, "Write the first day as YYYY-MM-DD.");
  if (!last) return fail(ErrorCode::bad_command, "Write the last day as YYYY-MM-DD.");
  if (*last < *first) return fail(ErrorCode::bad_command, "The last day is before the first.");
  if (*last - *first + 1 > kMaxDays)
    return fail(ErrorCode::bad_command, "Choose at most " + std::to_string(kMaxDays) + " days.");
  return DaySpan{*first * kDay, (*last + 1) * kDay};
}

}  // namespace parley::web
