// The customer beside the open session, as the core's wire forms say it (core/contact_wire.hpp): the
// record (contact, cases, leads, earlier sessions), a contact search, the contact drawer, the earlier
// sessions' timelines, and the panel's forms. REST answers in server mode; the demo's own State otherwise.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "commands.hpp"
#include "model.hpp"
#include "wire.hpp"

namespace parley::web {

enum class CustomerForm { none, link, create, new_case, new_lead };

struct CustomerState {
  std::string chat;            // whose record `record` is ("" none)
  Json record;                 // customer_history_json; null while not loaded
  std::uint64_t request = 0;   // the record's GET under way
  bool record_asked = false;   // asked once for this session (a failed read is not asked again each frame)
  bool stale = false;          // a change was made: read the record again
  // The panel's forms.
  CustomerForm form = CustomerForm::none;
  ContactFields draft;
  std::string subject, value;  // a case's or a lead's subject; a lead's value as typed ("12.50")
  int priority = 1;            // a case's: low, normal, high, urgent
  std::string form_error;
  // Linking to an existing contact: the text searched and what was found (contact_list_json).
  std::string query, searched;
  Json found;
  std::uint64_t search_request = 0;
  // The contact drawer: contact_detail_json of `drawer`.
  std::string drawer;
  Json drawer_record;
  std::uint64_t drawer_request = 0;
  // The earlier sessions above the timeline: shown or not, and each one's timeline once asked
  // (chat_to_json with its timeline; null while it is on the way).
  bool earlier_open = false;
  std::map<std::string, Json> earlier;
  std::map<std::uint64_t, std::string> earlier_requests;
};

// Forgets everything that belongs to another session than `chat` (the forms, the search, the record).
void customer_switch_to(CustomerState& customer, const std::string& chat);
// Whether the command changes what a customer record shows (contacts, links, cases, leads).
bool changes_customer(const Command& command);
// The record's list `key` ("cases", "leads", "history"), empty when absent.
const Json& record_list(const Json& record, const char* key);
// A string or integer member of a record's object ("" / 0 when absent or of another type).
std::string record_text(const Json& json, const char* key);
std::int64_t record_number(const Json& json, const char* key);
// A session row (session_row_json) as one line: "#12 · Widget · closed · 3 Dec 2026 14:02".
std::string session_row_line(const Json& row);
// A lead's value typed as "12", "12.5" or "12.50" in minor units; nullopt for anything else.
std::optional<std::int64_t> parse_money(const std::string& text);
// Minor units shown as "12.50".
std::string format_money(std::int64_t minor);

}  // namespace parley::web
