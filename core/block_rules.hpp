// The blocklist of SPEC §11: rules that refuse a customer or let them in as spam, and how one is
// matched against what the channel knows of a customer. Pure; text matching is linear in its input.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "time.hpp"

namespace parley {

enum class BlockKind : std::uint8_t { customer, visitor, ip, text };
enum class BlockAction : std::uint8_t { refuse, spam };
enum class TextMatch : std::uint8_t { substring, word };

// customer: `value` is the customer's id on `channel`; visitor: a widget visitor id; ip: an IPv4 or
// IPv6 range in CIDR form; text: a pattern found in a customer's message (case and accents folded).
struct BlockRule {
  std::string id;
  BlockKind kind = BlockKind::customer;
  BlockAction action = BlockAction::refuse;
  std::string value, channel;
  TextMatch match = TextMatch::substring;
  std::string by;  // who made it: agent:<id> or login:<name>
  Timestamp created_at = 0;
  friend bool operator==(const BlockRule&, const BlockRule&) = default;
};

// An address range: 16 bytes (IPv4 kept in the first 4) and how many leading bits count.
struct IpRange {
  std::array<std::uint8_t, 16> bytes{};
  int prefix = 0;
  bool v6 = false;
};
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v6 = false;
};

std::optional<IpAddress> parse_ip(std::string_view text);
// "a.b.c.d/n" (n ≤ 32), "x:…:y/n" (n ≤ 128), or a single address (the whole prefix).
std::optional<IpRange> parse_cidr(std::string_view text);
bool range_contains(const IpRange& range, const IpAddress& address);

// What the channel knows of the customer behind a new session or message (every field may be empty).
struct CustomerOrigin {
  std::string_view channel, customer, visitor, address, text;
};

// Whether `rule` matches; a rule whose value cannot be read matches nothing.
bool rule_matches(const BlockRule& rule, const CustomerOrigin& origin);
// Whether `pattern` occurs in `text`, both folded (core/text_fold.hpp) with runs of white space as
// one space; word: not inside a longer word (letters, digits, _ and non-ASCII). Linear time (KMP).
bool text_matches(std::string_view pattern, std::string_view text, TextMatch match);

// Who acts in a blocklist or spam command: "agent:<id>" or "login:<name>" (a login without an agent).
bool valid_staff(std::string_view by);
std::optional<std::string> staff_agent(std::string_view by);

}  // namespace parley
