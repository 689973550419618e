// RFC 3339 parsing/formatting over the proleptic Gregorian calendar (days-from-civil algorithm).
#include "time.hpp"

#include <cstdio>

namespace parley {

std::int64_t days_from_civil(CivilDate date) {
  const std::int64_t y = date.month <= 2 ? date.year - 1 : date.year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t month_index = date.month > 2 ? date.month - 3 : date.month + 9;
  const std::int64_t day_of_year = (153 * month_index + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_index = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  const int month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

int weekday_from_days(std::int64_t days) {
  // 1970-01-01 was a Thursday (index 3 when Monday is 0).
  const std::int64_t shifted = (days + 3) % 7;
  return static_cast<int>(shifted < 0 ? shifted + 7 : shifted);
}

namespace {

bool read_digits(std::string_view text, std::size_t& pos, int count, int& out) {
  if (pos + static_cast<std::size_t>(count) > text.size()) return false;
  int value = 0;
  for (int i = 0; i < count; ++i) {
    const char c = text[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(count);
  out = value;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::optional<Timestamp> parse_rfc3339(std::string_view text) {
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') || !read_digits(text, pos, 2, month) ||
      !expect(text, pos, '-') || !read_digits(text, pos, 2, day))
    return std::nullopt;
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) return std::nullopt;
  ++pos;
  if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') || !read_digits(text, pos, 2, minute) ||
      !expect(text, pos, ':') || !read_digits(text, pos, 2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 ||
      second > 59)
    return std::nullopt;
  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 3; ++i) millis *= 10;
  }
  std::int64_t offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int off_h, off_m;
    if (!read_digits(text, pos, 2, off_h) || !expect(text, pos, ':') || !read_digits(text, pos, 2, off_m) ||
        off_h > 23 || off_m > 59)
      return std::nullopt;
    offset_minutes = sign * (off_h * 60 + off_m);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const std::int64_t days = days_from_civil({year, month, day});
  return days * kDay + hour * kHour + minute * kMinute + second * kSecond + millis -
         offset_minutes * kMinute;
}

namespace {
struct Split {
  CivilDate date;
  int hour, minute, second, millis;
};
Split split(Timestamp at) {
  std::int64_t days = at / kDay;
  std::int64_t rest = at % kDay;
  if (rest < 0) {
    rest += kDay;
    --days;
  }
  return {civil_from_days(days), static_cast<int>(rest / kHour), static_cast<int>(rest % kHour / kMinute),
          static_cast<int>(rest % kMinute / kSecond), static_cast<int>(rest % kSecond)};
}
}  // namespace

std::string format_rfc3339(Timestamp at) {
  const Split s = split(at);
  char buffer[40];
  if (s.millis == 0)
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", s.date.year, s.date.month, s.date.day,
                  s.hour, s.minute, s.second);
  else
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", s.date.year, s.date.month,
                  s.date.day, s.hour, s.minute, s.second, s.millis);
  return buffer;
}

std::string format_display_time(Timestamp at) {
  const Split s = split(at);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d", s.date.year, s.date.month, s.date.day, s.hour,
                s.minute);
  return buffer;
}

}  // namespace parley
