// The Reports screen's range picker: today, yesterday, the last 7 days or custom days, as [from, to)
// over whole UTC days around `now`. Pure; dates are written YYYY-MM-DD.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "result.hpp"
#include "time.hpp"

namespace parley::web {

enum class RangeKind { today, yesterday, last_7_days, custom };

struct DaySpan {
  Timestamp from = 0, to = 0;  // to: the midnight after the last day
  friend bool operator==(const DaySpan&, const DaySpan&) = default;
};

// Days since 1970-01-01 of a YYYY-MM-DD date that exists; nullopt otherwise.
std::optional<std::int64_t> parse_day(std::string_view text);
std::string format_day(std::int64_t days);
std::string format_day_of(Timestamp at);  // the UTC date of an instant

// The range for the picker's choice. Custom takes the first and last day (both included); a date that
// does not parse, a last day before the first or more than kMaxDays days is bad_command, said plainly.
constexpr std::int64_t kMaxDays = 366;
Result<DaySpan> report_range(RangeKind kind, Timestamp now, std::string_view first_day = {},
                              std::string_view last_day = {});

}  // namespace parley::web
