// Search folding over utf8proc: decode, decompose + case fold per code point, drop marks, encode.
// Invalid UTF-8 never fails: each bad byte is folded as U+FFFD.
#include "text_fold.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <utf8proc.h>

namespace parley {

namespace {

constexpr utf8proc_int32_t kReplacement = 0xFFFD;
constexpr utf8proc_int32_t kHangulFirst = 0xAC00;
constexpr utf8proc_int32_t kHangulLast = 0xD7A3;

bool ascii_only(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool variation_selector(utf8proc_int32_t cp) {
  return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

bool dropped_mark(utf8proc_int32_t cp) {
  const utf8proc_category_t category = utf8proc_category(cp);
  const bool mark = category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_MC ||
                    category == UTF8PROC_CATEGORY_ME;
  return mark && !variation_selector(cp);
}

void append_utf8(utf8proc_int32_t cp, std::string& out) {
  std::array<utf8proc_uint8_t, 4> bytes{};
  const utf8proc_ssize_t n = utf8proc_encode_char(cp, bytes.data());
  out.append(reinterpret_cast<const char*>(bytes.data()), static_cast<std::size_t>(n));
}

void append_folded(utf8proc_int32_t cp, std::string& out) {
  if (cp >= kHangulFirst && cp <= kHangulLast) {
    append_utf8(cp, out);
    return;
  }
  // The longest full decomposition in Unicode 15 is 18 code points (U+FDFA).
  std::array<utf8proc_int32_t, 32> parts{};
  int boundclass = 0;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
  const utf8proc_ssize_t n = utf8proc_decompose_char(cp, parts.data(), parts.size(), options, &boundclass);
  if (n < 0 || static_cast<std::size_t>(n) > parts.size()) {
    append_utf8(cp, out);
    return;
  }
  for (utf8proc_ssize_t i = 0; i < n; ++i)
    if (!dropped_mark(parts[static_cast<std::size_t>(i)])) append_utf8(parts[static_cast<std::size_t>(i)], out);
}

}  // namespace

void fold_for_search(std::string_view text, std::string& out) {
  out.clear();
  if (ascii_only(text)) {
    out.assign(text.begin(), text.end());
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return;
  }
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  utf8proc_ssize_t at = 0;
  while (at < size) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(bytes + at, size - at, &cp);
    if (n <= 0) {
      append_utf8(kReplacement, out);
      at += 1;
      continue;
    }
    append_folded(cp, out);
    at += n;
  }
}

std::string fold_for_search(std::string_view text) {
  std::string out;
  fold_for_search(text, out);
  return out;
}

bool contains_folded(std::string_view haystack, std::string_view needle) {
  TextMatcher matcher(needle);
  return matcher.matches(haystack);
}

TextMatcher::TextMatcher(std::string_view needle) { fold_for_search(needle, needle_); }

bool TextMatcher::matches(std::string_view haystack) {
  if (needle_.empty()) return true;
  fold_for_search(haystack, scratch_);
  return scratch_.find(needle_) != std::string::npos;
}

}  // namespace parley
