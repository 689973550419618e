// Checks of action definitions and filled-in forms, the pattern glob, endpoint and allowlist
// reading, and the address rule (see support_actions.hpp).
#include "support_actions.hpp"

#include <algorithm>
#include <array>

#include "ids.hpp"

namespace parley {

namespace {

constexpr std::array<const char*, 5> kFieldTypeNames{"text", "number", "email", "url", "choice"};
constexpr char32_t kBadCodePoint = 0xFFFD;

// The code point at `at` and its length in bytes; a byte that starts no valid sequence is U+FFFD of 1.
std::pair<char32_t, std::size_t> decode_at(std::string_view s, std::size_t at) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(at);
  if (c < 0x80) return {c, 1};
  std::size_t length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (length == 0 || at + length > s.size()) return {kBadCodePoint, 1};
  char32_t cp = c & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
  for (std::size_t i = 1; i < length; ++i) {
    if ((b(at + i) & 0xC0) != 0x80) return {kBadCodePoint, 1};
    cp = cp << 6 | (b(at + i) & 0x3F);
  }
  const bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {kBadCodePoint, 1};
  return {cp, length};
}

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t at = 0; at < s.size();) {
    const auto [cp, length] = decode_at(s, at);
    out.push_back(cp);
    at += length;
  }
  return out;
}

bool valid_utf8_text(std::string_view s) {
  for (std::size_t at = 0; at < s.size();) {
    const auto [cp, length] = decode_at(s, at);
    if (cp == kBadCodePoint && length == 1 && static_cast<unsigned char>(s[at]) >= 0x80) return false;
    at += length;
  }
  return true;
}

// One pattern element: a literal, any character, a digit, or a class; `*` is handled by the matcher.
struct Element {
  enum class Kind { literal, any, digit, klass, star } kind = Kind::literal;
  char32_t literal = 0;
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;
  bool matches(char32_t c) const {
    switch (kind) {
      case Kind::literal: return c == literal;
      case Kind::any: return true;
      case Kind::digit: return c >= U'0' && c <= U'9';
      case Kind::klass: {
        bool in = false;
        for (const auto& [low, high] : ranges) in = in || (c >= low && c <= high);
        return in != negated;
      }
      case Kind::star: return false;
    }
    return false;
  }
};

std::optional<std::vector<Element>> compile_pattern(std::string_view pattern) {
  const std::u32string p = code_points(pattern);
  std::vector<Element> out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    Element e;
    const char32_t c = p[i];
    if (c == U'*') {
      if (!out.empty() && out.back().kind == Element::Kind::star) continue;  // ** is *
      e.kind = Element::Kind::star;
    } else if (c == U'?') {
      e.kind = Element::Kind::any;
    } else if (c == U'#') {
      e.kind = Element::Kind::digit;
    } else if (c == U'\\') {
      if (++i == p.size()) return std::nullopt;
      e.literal = p[i];
    } else if (c == U'[') {
      e.kind = Element::Kind::klass;
      std::size_t j = i + 1;
      if (j < p.size() && p[j] == U'!') {
        e.negated = true;
        ++j;
      }
      bool closed = false;
      for (; j < p.size(); ++j) {
        if (p[j] == U']' && !e.ranges.empty()) {
          closed = true;
          break;
        }
        char32_t low = p[j];
        if (low == U'\\') {
          if (++j == p.size()) return std::nullopt;
          low = p[j];
        }
        char32_t high = low;
        if (j + 2 < p.size() && p[j + 1] == U'-' && p[j + 2] != U']') {
          high = p[j + 2];
          if (high == U'\\') {
            if (j + 3 >= p.size()) return std::nullopt;
            high = p[j + 3];
            ++j;
          }
          j += 2;
          if (high < low) return std::nullopt;
        }
        e.ranges.emplace_back(low, high);
      }
      if (!closed) return std::nullopt;
      i = j;
    } else {
      e.literal = c;
    }
    out.push_back(std::move(e));
  }
  return out;
}

// Glob matching with one backtracking point (the latest star): each star retries from one position
// further, so the work is bounded by value × pattern.
bool glob_match(const std::vector<Element>& pattern, const std::u32string& value) {
  std::size_t p = 0, v = 0;
  std::size_t star = std::string::npos, star_v = 0;
  while (v < value.size()) {
    if (p < pattern.size() && pattern[p].kind == Element::Kind::star) {
      star = p++;
      star_v = v;
    } else if (p < pattern.size() && pattern[p].matches(value[v])) {
      ++p;
      ++v;
    } else if (star != std::string::npos) {
      p = star + 1;
      v = ++star_v;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p].kind == Element::Kind::star) ++p;
  return p == pattern.size();
}

bool field_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

bool header_token(std::string_view name) {
  if (name.empty() || name.size() > 100) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Error bad(std::string message) { return fail(ErrorCode::bad_command, std::move(message)); }

bool is_number(std::string_view v) {
  std::size_t i = v.size() > 1 && v[0] == '-' ? 1 : 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    return i > from;
  };
  if (!digits()) return false;
  if (i < v.size() && v[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  return i == v.size();
}

bool is_email(std::string_view v) {
  const std::size_t at = v.find('@');
  if (at == std::string_view::npos || at == 0 || v.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view domain = v.substr(at + 1);
  const std::size_t dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; });
}

bool is_web_url(std::string_view v) {
  if (std::any_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; })) return false;
  return parse_endpoint(v).has_value();
}

bool valid_port(std::string_view digits, int& port) {
  if (digits.empty() || digits.size() > 5) return false;
  port = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    port = port * 10 + (c - '0');
  }
  return port >= 1 && port <= 65535;
}

bool host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

// "host", "host:port", "[v6]" or "[v6]:port" (already lower-cased); port 0 when none is written.
bool read_authority(std::string_view authority, std::string& host, int& port) {
  port = 0;
  std::string_view rest;
  if (!authority.empty() && authority[0] == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = std::string(authority.substr(1, close - 1));
    const auto ip = parse_ip(host);
    if (!ip || !ip->v6) return false;
    rest = authority.substr(close + 1);
    if (!rest.empty() && rest[0] != ':') return false;
  } else {
    const std::size_t colon = authority.find(':');
    host = std::string(authority.substr(0, colon));
    if (host.empty() || host.size() > 253 || !std::all_of(host.begin(), host.end(), host_char)) return false;
    if (host.front() == '.' || host.front() == '-') return false;
    if (colon != std::string_view::npos) rest = authority.substr(colon);
  }
  if (rest.empty()) return true;
  return valid_port(rest.substr(1), port);
}

int default_port(std::string_view scheme) { return scheme == "http" ? 80 : 443; }

bool is_blocked_v4(const std::array<std::uint8_t, 16>& b) {
  const unsigned a0 = b[0], a1 = b[1];
  if (a0 == 0 || a0 == 10 || a0 == 127) return true;                // this network, private, loopback
  if (a0 == 169 && a1 == 254) return true;                          // link-local (cloud metadata)
  if (a0 == 172 && a1 >= 16 && a1 <= 31) return true;               // private
  if (a0 == 192 && a1 == 168) return true;                          // private
  if (a0 == 100 && a1 >= 64 && a1 <= 127) return true;              // shared (carrier-grade NAT)
  if (a0 >= 224) return true;                                       // multicast, reserved, broadcast
  return false;
}

bool is_blocked_v6(const std::array<std::uint8_t, 16>& b) {
  bool zero_head = true;
  for (std::size_t i = 0; i < 12; ++i) zero_head = zero_head && b[i] == 0;
  if (zero_head) return true;  // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
  if ((b[0] & 0xFE) == 0xFC) return true;                   // unique local fc00::/7
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return true;   // link-local fe80::/10
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return true;   // site-local fec0::/10 (deprecated)
  if (b[0] == 0xFF) return true;                            // multicast
  // NAT64 64:ff9b::/96 reaches the IPv4 address it carries.
  const std::array<std::uint8_t, 12> nat64{0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::equal(nat64.begin(), nat64.end(), b.begin())) {
    std::array<std::uint8_t, 16> v4{};
    std::copy(b.begin() + 12, b.end(), v4.begin());
    return is_blocked_v4(v4);
  }
  return false;
}

}  // namespace

std::string_view action_field_type_name(ActionFieldType type) { return kFieldTypeNames[static_cast<std::size_t>(type)]; }

std::optional<ActionFieldType> parse_action_field_type(std::string_view text) {
  for (std::size_t i = 0; i < kFieldTypeNames.size(); ++i)
    if (text == kFieldTypeNames[i]) return static_cast<ActionFieldType>(i);
  return std::nullopt;
}

bool valid_action_pattern(std::string_view pattern) {
  return pattern.size() <= kMaxActionPatternBytes && valid_utf8_text(pattern) && compile_pattern(pattern).has_value();
}

bool action_pattern_matches(std::string_view pattern, std::string_view value) {
  const auto compiled = compile_pattern(pattern);
  return compiled && glob_match(*compiled, code_points(value));
}

std::optional<Error> check_action_form_definition(const ActionForm& form) {
  if (form.name.empty() || form.name.size() > kMaxActionNameBytes)
    return bad("field 'name' must be 1–100 bytes");
  if (form.fields.size() > kMaxActionFields) return bad("an action's form has at most 20 fields");
  for (std::size_t i = 0; i < form.fields.size(); ++i) {
    const ActionField& f = form.fields[i];
    const std::string where = "form field " + std::to_string(i + 1);
    if (f.name.empty() || f.name.size() > kMaxActionFieldNameBytes ||
        !std::all_of(f.name.begin(), f.name.end(), field_name_char))
      return bad(where + ": name must be 1–40 bytes of a–z, 0–9 and _");
    for (std::size_t j = 0; j < i; ++j)
      if (form.fields[j].name == f.name) return bad(where + ": name '" + f.name + "' is used twice");
    const std::string named = "form field '" + f.name + "'";
    if (f.label.size() > kMaxActionLabelBytes) return bad(named + ": label must be at most 100 bytes");
    if (!f.pattern.empty() && !valid_action_pattern(f.pattern))
      return bad(named + ": pattern must be a glob of at most 200 bytes (? * # [a-z] [!…] \\x) with closed classes");
    if (f.type == ActionFieldType::choice) {
      if (f.options.empty() || f.options.size() > kMaxActionOptions)
        return bad(named + ": a choice needs 1–50 options");
      for (std::size_t k = 0; k < f.options.size(); ++k) {
        if (f.options[k].empty() || f.options[k].size() > kMaxActionLabelBytes)
          return bad(named + ": options must be 1–100 bytes");
        if (std::find(f.options.begin(), f.options.begin() + static_cast<long>(k), f.options[k]) !=
            f.options.begin() + static_cast<long>(k))
          return bad(named + ": option '" + f.options[k] + "' is listed twice");
      }
    } else if (!f.options.empty()) {
      return bad(named + ": only a choice has options");
    }
  }
  return std::nullopt;
}

std::optional<Error> check_action_definition(const ActionDefinition& d) {
  if (auto refusal = check_id("action id", d.id)) return refusal;
  if (auto refusal = check_action_form_definition(d.form)) return refusal;
  if (d.endpoint.size() > kMaxActionUrlBytes || !parse_endpoint(d.endpoint))
    return bad("field 'endpoint' must be an https:// (or http://) URL with a host");
  if (d.method != "POST") return bad("field 'method' must be POST");
  if (d.headers.size() > kMaxActionHeaders) return bad("field 'headers' holds at most 20 headers");
  static constexpr std::array<const char*, 6> kServerHeaders{"host", "content-length", "content-type",
                                                             "transfer-encoding", "connection", "expect"};
  for (std::size_t i = 0; i < d.headers.size(); ++i) {
    const auto& [name, value] = d.headers[i];
    if (!header_token(name)) return bad("header " + std::to_string(i + 1) + ": the name must be letters, digits, - or _");
    const std::string low = lower(name);
    if (std::find(kServerHeaders.begin(), kServerHeaders.end(), low) != kServerHeaders.end())
      return bad("header '" + name + "' is set by the server");
    for (std::size_t j = 0; j < i; ++j)
      if (lower(d.headers[j].first) == low) return bad("header '" + name + "' is named twice");
    if (value.size() > kMaxActionHeaderBytes || value.find_first_of("\r\n") != std::string::npos ||
        value.find('\0') != std::string::npos)
      return bad("header '" + name + "': the value must be at most 1024 bytes on one line");
  }
  return std::nullopt;
}

std::optional<FormProblem> check_action_form(const ActionForm& form, const ActionValues& values) {
  for (const auto& entry : values) {
    const std::string& name = entry.first;
    const bool known = std::any_of(form.fields.begin(), form.fields.end(), [&](const ActionField& f) { return f.name == name; });
    if (!known) return FormProblem{name, "field '" + name + "' is not on the form"};
  }
  for (const ActionField& f : form.fields) {
    const auto found = values.find(f.name);
    const std::string value = found == values.end() ? std::string() : found->second;
    const std::string named = "field '" + f.name + "'";
    if (value.empty()) {
      if (f.required) return FormProblem{f.name, named + " is required"};
      continue;
    }
    if (value.size() > kMaxActionValueBytes) return FormProblem{f.name, named + " must be at most 1000 bytes"};
    if (!valid_utf8_text(value)) return FormProblem{f.name, named + " must be UTF-8 text"};
    switch (f.type) {
      case ActionFieldType::text: break;
      case ActionFieldType::number:
        if (!is_number(value)) return FormProblem{f.name, named + " must be a number such as 42 or -1.5"};
        break;
      case ActionFieldType::email:
        if (!is_email(value)) return FormProblem{f.name, named + " must be an e-mail address"};
        break;
      case ActionFieldType::url:
        if (!is_web_url(value)) return FormProblem{f.name, named + " must be an http(s) link"};
        break;
      case ActionFieldType::choice:
        if (std::find(f.options.begin(), f.options.end(), value) == f.options.end())
          return FormProblem{f.name, named + " must be one of the listed options"};
        break;
    }
    if (!f.pattern.empty() && !action_pattern_matches(f.pattern, value))
      return FormProblem{f.name, named + " must look like " + f.pattern};
  }
  return std::nullopt;
}

std::optional<Endpoint> parse_endpoint(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  Endpoint e;
  e.scheme = lower(url.substr(0, scheme_end));
  if (e.scheme != "http" && e.scheme != "https") return std::nullopt;
  const std::string_view rest = url.substr(scheme_end + 3);
  const std::size_t path_at = rest.find_first_of("/?#");
  const std::string authority = lower(rest.substr(0, path_at));
  if (authority.find('@') != std::string::npos) return std::nullopt;  // no user:password@
  if (!read_authority(authority, e.host, e.port)) return std::nullopt;
  if (e.port == 0) e.port = default_port(e.scheme);
  if (path_at != std::string_view::npos) {
    std::string_view path = rest.substr(path_at);
    if (path.find('#') != std::string_view::npos) path = path.substr(0, path.find('#'));
    e.path = path.empty() || path[0] != '/' ? "/" + std::string(path) : std::string(path);
  }
  if (std::any_of(e.path.begin(), e.path.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; }))
    return std::nullopt;
  return e;
}

std::optional<AllowlistEntry> parse_allowlist_entry(std::string_view text) {
  AllowlistEntry entry;
  std::string_view rest = text;
  if (const std::size_t scheme_end = text.find("://"); scheme_end != std::string_view::npos) {
    entry.scheme = lower(text.substr(0, scheme_end));
    if (entry.scheme != "http" && entry.scheme != "https") return std::nullopt;
    entry.http_named = entry.scheme == "http";
    rest = text.substr(scheme_end + 3);
  } else {
    entry.scheme = "https";
  }
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find_first_of("/?#@") != std::string_view::npos) return std::nullopt;
  if (!read_authority(lower(rest), entry.host, entry.port)) return std::nullopt;
  if (entry.port == 0) entry.port = default_port(entry.scheme);
  return entry;
}

std::optional<Error> check_allowlist(const std::vector<std::string>& entries) {
  if (entries.size() > kMaxAllowlistEntries) return bad("the allowlist holds at most 200 entries");
  for (const std::string& entry : entries)
    if (entry.size() > 300 || !parse_allowlist_entry(entry))
      return bad("allowlist entry '" + entry +
                 "' must be a host, https://host[:port] or http://host[:port] (http only for services inside the network)");
  return std::nullopt;
}

std::optional<std::string> endpoint_refusal(std::string_view url, const std::vector<std::string>& allowlist) {
  const auto endpoint = parse_endpoint(url);
  if (!endpoint) return "the endpoint is not an http(s) URL";
  bool host_listed = false;
  for (const std::string& text : allowlist) {
    const auto entry = parse_allowlist_entry(text);
    if (!entry || entry->host != endpoint->host) continue;
    host_listed = true;
    if (entry->scheme == endpoint->scheme && entry->port == endpoint->port) return std::nullopt;
  }
  if (!host_listed) return "the endpoint's host " + endpoint->host + " is not on the allowlist";
  if (endpoint->scheme == "http") return "plain http to " + endpoint->host + " needs an allowlist entry naming http://";
  return "port " + std::to_string(endpoint->port) + " of " + endpoint->host + " is not on the allowlist";
}

bool address_allowed(std::string_view ip, const std::vector<std::string>& allowlist) {
  const auto address = parse_ip(ip);
  if (!address) return false;
  const bool blocked = address->v6 ? is_blocked_v6(address->bytes) : is_blocked_v4(address->bytes);
  if (!blocked) return true;
  for (const std::string& text : allowlist) {
    const auto entry = parse_allowlist_entry(text);
    if (!entry) continue;
    const auto named = parse_ip(entry->host);
    if (named && named->v6 == address->v6 && named->bytes == address->bytes) return true;
  }
  return false;
}

std::string clip_action_text(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const auto [cp, length] = decode_at(text, at);
    if (cp == kBadCodePoint && length == 1) clean += "\uFFFD";
    else clean += text.substr(at, length);
    at += length;
  }
  if (clean.size() <= kMaxActionAnswerBytes) return clean;
  const std::string_view ellipsis = "\u2026";
  std::size_t cut = kMaxActionAnswerBytes - ellipsis.size();
  while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut;
  clean.resize(cut);
  clean += ellipsis;
  return clean;
}

}  // namespace parley
