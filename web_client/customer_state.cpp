// The customer panel's state: switching sessions, reading the record's lists, and lead values in
// minor units.
#include "customer_state.hpp"

#include <cstdlib>

#include "time.hpp"

namespace parley::web {

void customer_switch_to(CustomerState& customer, const std::string& chat) {
  if (customer.chat == chat) return;
  CustomerState fresh;
  fresh.chat = chat;
  fresh.earlier_open = customer.earlier_open;
  customer = std::move(fresh);
}

bool changes_customer(const Command& command) {
  return std::holds_alternative<CreateContact>(command) || std::holds_alternative<UpdateContact>(command) ||
         std::holds_alternative<MergeContacts>(command) || std::holds_alternative<LinkCustomer>(command) ||
         std::holds_alternative<CreateCase>(command) || std::holds_alternative<CreateLead>(command);
}

const Json& record_list(const Json& record, const char* key) {
  static const Json empty = Json::array();
  if (!record.is_object()) return empty;
  const auto found = record.find(key);
  return found != record.end() && found->is_array() ? *found : empty;
}

std::string record_text(const Json& json, const char* key) {
  if (!json.is_object()) return "";
  const auto found = json.find(key);
  return found != json.end() && found->is_string() ? found->get<std::string>() : "";
}

std::int64_t record_number(const Json& json, const char* key) {
  if (!json.is_object()) return 0;
  const auto found = json.find(key);
  return found != json.end() && found->is_number_integer() ? found->get<std::int64_t>() : 0;
}

std::string session_row_line(const Json& row) {
  const auto started = parse_rfc3339(record_text(row, "started_at"));
  return "#" + std::to_string(record_number(row, "number")) + " · " + record_text(row, "channel") + " · " +
         record_text(row, "state") + (started ? " · " + format_display_time(*started) : "");
}

std::optional<std::int64_t> parse_money(const std::string& text) {
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string cents = dot == std::string::npos ? std::string() : text.substr(dot + 1);
  const auto digits = [](const std::string& s) { return s.find_first_not_of("0123456789") == std::string::npos; };
  if (whole.empty() || whole.size() > 15 || !digits(whole) || cents.size() > 2 || !digits(cents) ||
      (dot != std::string::npos && cents.empty()))
    return std::nullopt;
  std::int64_t minor = std::strtoll(whole.c_str(), nullptr, 10) * 100;
  if (!cents.empty()) minor += std::strtoll(cents.c_str(), nullptr, 10) * (cents.size() == 1 ? 10 : 1);
  return minor;
}

std::string format_money(std::int64_t minor) {
  const std::string cents = std::to_string(minor % 100);
  return std::to_string(minor / 100) + "." + (cents.size() == 1 ? "0" + cents : cents);
}

}  // namespace parley::web
