// Support agent actions (SPEC §13): an admin's form with an outside endpoint, the checks of the form
// and of a filled-in form (the same in the server and the page), and where an action may be sent.
// Pure: parses texts only; resolving and connecting are the server's.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "block_rules.hpp"
#include "result.hpp"

namespace parley {

constexpr std::size_t kMaxActionNameBytes = 100;
constexpr std::size_t kMaxActionFields = 20;
constexpr std::size_t kMaxActionFieldNameBytes = 40;
constexpr std::size_t kMaxActionLabelBytes = 100;
constexpr std::size_t kMaxActionPatternBytes = 200;
constexpr std::size_t kMaxActionOptions = 50;
constexpr std::size_t kMaxActionValueBytes = 1000;
constexpr std::size_t kMaxActionUrlBytes = 2000;
constexpr std::size_t kMaxActionHeaders = 20;
constexpr std::size_t kMaxActionHeaderBytes = 1024;
constexpr std::size_t kMaxActionAnswerBytes = 8192;  // what a run's outcome keeps of an answer or an error
constexpr std::size_t kMaxAllowlistEntries = 200;

enum class ActionFieldType : std::uint8_t { text, number, email, url, choice };

// One input of an action's form. `pattern` (optional) is a glob the whole value must match:
//   ?  one character      *  any run of characters (also none)      #  one digit 0-9
//   [a-z0-9_]  one character of the class     [!…]  one character not in it     \x  x itself
// Everything else stands for itself. Matching is by code point and takes at most
// O(value × pattern) steps (one backtracking point: the latest *), so no pattern can stall a check.
struct ActionField {
  std::string name, label;
  ActionFieldType type = ActionFieldType::text;
  bool required = false;
  std::string pattern;
  std::vector<std::string> options;  // a choice's allowed values, in the order shown
  friend bool operator==(const ActionField&, const ActionField&) = default;
};

// The form agents fill: the part of a definition the core decides on.
struct ActionForm {
  std::string name;
  std::vector<ActionField> fields;
  friend bool operator==(const ActionForm&, const ActionForm&) = default;
};

// An admin's action: its form, and the endpoint the server POSTs a run to with these headers
// (their values are secrets agents never see).
struct ActionDefinition {
  std::string id;
  ActionForm form;
  std::string endpoint;
  std::string method = "POST";
  std::vector<std::pair<std::string, std::string>> headers;
};

// The values an agent filled in, by field name.
using ActionValues = std::map<std::string, std::string>;

std::string_view action_field_type_name(ActionFieldType type);
std::optional<ActionFieldType> parse_action_field_type(std::string_view text);

// Whether `pattern` is a well-formed glob (see ActionField), and whether `value` matches it whole.
bool valid_action_pattern(std::string_view pattern);
bool action_pattern_matches(std::string_view pattern, std::string_view value);

// A bad_command naming the first wrong part: the form (name 1–100 bytes; 0–20 fields; field names
// 1–40 bytes of a–z 0–9 _ and unique; labels up to 100 bytes; a well-formed pattern; a choice with
// 1–50 distinct options), then the definition (a valid id, an http(s) endpoint, method POST, up to 20
// headers with token names, values up to 1024 bytes without line breaks, none the server sets itself).
std::optional<Error> check_action_form_definition(const ActionForm& form);
std::optional<Error> check_action_definition(const ActionDefinition& definition);

// The first problem of a filled-in form, in the form's order: a value for no field, a required field
// left empty, a value too long or not of its type (number: -12.5; email: a@b.c; url: http(s)://host…;
// choice: one of the options), or not matching the pattern. Empty optional fields are not checked.
struct FormProblem {
  std::string field;    // the field's name ("" for none in particular)
  std::string message;  // "field 'order' is required", …
};
std::optional<FormProblem> check_action_form(const ActionForm& form, const ActionValues& values);

// An endpoint or allowlist URL read into its parts; the host lower-cased, an IPv6 literal without
// brackets; the port the scheme's default when none is written.
struct Endpoint {
  std::string scheme, host;
  int port = 0;
  std::string path = "/";  // with the query, if any
};
std::optional<Endpoint> parse_endpoint(std::string_view url);

// An allowlist entry: "https://api.example.com", "http://10.0.0.5:8080" or a bare host
// ("api.example.com", https). An entry with no port allows only its scheme's default port.
struct AllowlistEntry {
  std::string scheme, host;  // scheme "https" for a bare host
  int port = 0;
  bool http_named = false;  // the entry names http:// itself
};
std::optional<AllowlistEntry> parse_allowlist_entry(std::string_view text);
// nullopt when every entry reads; else a bad_command naming the first that does not.
std::optional<Error> check_allowlist(const std::vector<std::string>& entries);

// Why the endpoint may not be called (not a URL, plain http without an entry naming http://, no entry
// for its host and port), or nullopt when an entry allows it.
std::optional<std::string> endpoint_refusal(std::string_view url, const std::vector<std::string>& allowlist);
inline bool endpoint_allowed(std::string_view url, const std::vector<std::string>& allowlist) {
  return !endpoint_refusal(url, allowlist);
}

// Whether the server may connect to `ip` (text, as resolved): never to a private (10/8, 172.16/12,
// 192.168/16, fc00::/7), loopback (127/8, ::1), link-local (169.254/16, fe80::/10), unspecified
// (0.0.0.0/8, ::), multicast or broadcast address, in IPv4-mapped form too, unless an allowlist entry
// names that exact address. An address that does not read is refused.
bool address_allowed(std::string_view ip, const std::vector<std::string>& allowlist);

// An answer or error text as a run's outcome keeps it: bytes that are not UTF-8 replaced by U+FFFD,
// cut at a character boundary to kMaxActionAnswerBytes (ending "…" when cut).
std::string clip_action_text(std::string_view text);

}  // namespace parley
