// Address parsing (IPv4 dotted quads, IPv6 with "::" and a trailing IPv4 part), CIDR containment,
// and the linear-time (Knuth–Morris–Pratt) pattern search over folded text.
#include "block_rules.hpp"

#include <vector>

#include "text_fold.hpp"

namespace parley {

namespace {

std::optional<std::array<std::uint8_t, 4>> parse_v4(std::string_view text) {
  std::array<std::uint8_t, 4> out{};
  std::size_t part = 0, at = 0;
  while (part < 4) {
    std::size_t digits = 0;
    int value = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9' && digits < 3) {
      value = value * 10 + (text[at] - '0');
      ++at;
      ++digits;
    }
    if (digits == 0 || value > 255 || (digits > 1 && text[at - digits] == '0')) return std::nullopt;
    out[part++] = static_cast<std::uint8_t>(value);
    if (part < 4) {
      if (at >= text.size() || text[at] != '.') return std::nullopt;
      ++at;
    }
  }
  if (at != text.size()) return std::nullopt;
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads colon-separated groups (and a final dotted quad) into 16-bit words; false on bad syntax.
bool read_groups(std::string_view text, std::vector<std::uint16_t>& words) {
  if (text.empty()) return true;
  std::size_t at = 0;
  while (true) {
    const std::size_t end = std::min(text.find(':', at), text.size());
    const std::string_view group = text.substr(at, end - at);
    if (end == text.size() && group.find('.') != std::string_view::npos) {
      const auto v4 = parse_v4(group);
      if (!v4) return false;
      words.push_back(static_cast<std::uint16_t>((*v4)[0] << 8 | (*v4)[1]));
      words.push_back(static_cast<std::uint16_t>((*v4)[2] << 8 | (*v4)[3]));
      return true;
    }
    if (group.empty() || group.size() > 4) return false;
    unsigned value = 0;
    for (char c : group) {
      const int digit = hex_value(c);
      if (digit < 0) return false;
      value = value * 16 + static_cast<unsigned>(digit);
    }
    words.push_back(static_cast<std::uint16_t>(value));
    if (end == text.size()) return true;
    at = end + 1;
  }
}

std::optional<std::array<std::uint8_t, 16>> parse_v6(std::string_view text) {
  if (text.size() > 45) return std::nullopt;
  std::vector<std::uint16_t> head, tail;
  const std::size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    if (!read_groups(text, head) || head.size() != 8) return std::nullopt;
  } else {
    if (text.find("::", gap + 1) != std::string_view::npos) return std::nullopt;
    if (!read_groups(text.substr(0, gap), head) || !read_groups(text.substr(gap + 2), tail)) return std::nullopt;
    if (head.size() + tail.size() > 7) return std::nullopt;
  }
  std::array<std::uint8_t, 16> out{};
  const auto put = [&](std::size_t word, std::uint16_t value) {
    out[2 * word] = static_cast<std::uint8_t>(value >> 8);
    out[2 * word + 1] = static_cast<std::uint8_t>(value & 0xff);
  };
  for (std::size_t i = 0; i < head.size(); ++i) put(i, head[i]);
  for (std::size_t i = 0; i < tail.size(); ++i) put(8 - tail.size() + i, tail[i]);
  return out;
}

bool word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

}  // namespace

std::optional<IpAddress> parse_ip(std::string_view text) {
  IpAddress address;
  if (text.find(':') == std::string_view::npos) {
    const auto v4 = parse_v4(text);
    if (!v4) return std::nullopt;
    for (std::size_t i = 0; i < 4; ++i) address.bytes[i] = (*v4)[i];
    return address;
  }
  const auto v6 = parse_v6(text);
  if (!v6) return std::nullopt;
  // An IPv4-mapped address (::ffff:a.b.c.d) is the IPv4 address it carries.
  bool mapped = (*v6)[10] == 0xff && (*v6)[11] == 0xff;
  for (std::size_t i = 0; i < 10; ++i) mapped = mapped && (*v6)[i] == 0;
  if (mapped) {
    for (std::size_t i = 0; i < 4; ++i) address.bytes[i] = (*v6)[12 + i];
    return address;
  }
  address.bytes = *v6;
  address.v6 = true;
  return address;
}

std::optional<IpRange> parse_cidr(std::string_view text) {
  const std::size_t slash = text.find('/');
  const auto address = parse_ip(text.substr(0, slash));
  if (!address) return std::nullopt;
  IpRange range;
  range.bytes = address->bytes;
  range.v6 = address->v6;
  const int width = range.v6 ? 128 : 32;
  range.prefix = width;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    int prefix = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      prefix = prefix * 10 + (c - '0');
    }
    if (prefix > width) return std::nullopt;
    range.prefix = prefix;
  }
  return range;
}

bool range_contains(const IpRange& range, const IpAddress& address) {
  if (range.v6 != address.v6) return false;
  int bits = range.prefix;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const int take = bits >= 8 ? 8 : bits;
    const auto mask = static_cast<std::uint8_t>(0xff << (8 - take));
    if ((range.bytes[i] & mask) != (address.bytes[i] & mask)) return false;
  }
  return true;
}

namespace {

// Folded, with every run of ASCII white space made one space.
std::string rule_text(std::string_view text) {
  const std::string folded = fold_for_search(text);
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  for (char c : folded) {
    const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (blank && space) continue;
    out.push_back(blank ? ' ' : c);
    space = blank;
  }
  return out;
}

}  // namespace

bool text_matches(std::string_view pattern, std::string_view text, TextMatch match) {
  const std::string needle = rule_text(pattern);
  if (needle.empty() || needle == " ") return false;
  const std::string hay = rule_text(text);
  std::vector<std::size_t> border(needle.size(), 0);
  for (std::size_t i = 1, k = 0; i < needle.size(); ++i) {
    while (k > 0 && needle[i] != needle[k]) k = border[k - 1];
    if (needle[i] == needle[k]) ++k;
    border[i] = k;
  }
  for (std::size_t i = 0, k = 0; i < hay.size(); ++i) {
    while (k > 0 && hay[i] != needle[k]) k = border[k - 1];
    if (hay[i] == needle[k]) ++k;
    if (k < needle.size()) continue;
    const std::size_t start = i + 1 - needle.size();
    const bool open_before = start == 0 || !word_byte(static_cast<unsigned char>(hay[start - 1]));
    const bool open_after = i + 1 == hay.size() || !word_byte(static_cast<unsigned char>(hay[i + 1]));
    if (match == TextMatch::substring || (open_before && open_after)) return true;
    k = border[k - 1];
  }
  return false;
}

bool rule_matches(const BlockRule& rule, const CustomerOrigin& origin) {
  switch (rule.kind) {
    case BlockKind::customer:
      return !origin.customer.empty() && origin.customer == rule.value && origin.channel == rule.channel;
    case BlockKind::visitor: return !origin.visitor.empty() && origin.visitor == rule.value;
    case BlockKind::ip: {
      const auto range = parse_cidr(rule.value);
      const auto address = parse_ip(origin.address);
      return range && address && range_contains(*range, *address);
    }
    case BlockKind::text: return !origin.text.empty() && text_matches(rule.value, origin.text, rule.match);
  }
  return false;
}

bool valid_staff(std::string_view by) {
  for (std::string_view prefix : {std::string_view("agent:"), std::string_view("login:")})
    if (by.size() > prefix.size() && by.substr(0, prefix.size()) == prefix) return true;
  return false;
}

std::optional<std::string> staff_agent(std::string_view by) {
  if (by.size() > 6 && by.substr(0, 6) == "agent:") return std::string(by.substr(6));
  return std::nullopt;
}

}  // namespace parley
