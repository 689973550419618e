// The Admin screen's state between frames and its pure parts: the sections, the server records as REST
// lists them, the forms as typed, and the changes they make. Desk changes (groups, agents, SLA policies)
// are core commands, checked by the core before they leave; the other records are REST requests.
#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model.hpp"
#include "wire.hpp"

namespace parley::web {

enum class AdminSection { users, groups, channels, templates, blocklist, retention };
constexpr std::array<AdminSection, 6> kAdminSections = {AdminSection::users,     AdminSection::groups,
                                                        AdminSection::channels,  AdminSection::templates,
                                                        AdminSection::blocklist, AdminSection::retention};
const char* admin_section_name(AdminSection section);   // "users", "groups", …
const char* admin_section_title(AdminSection section);  // "Users", "Groups", …
// Whether the section keeps server records only (hidden in the offline demo, which has no server).
bool server_only(AdminSection section);

// One change: a REST request, or (command set) a desk command that the core checks first and that the
// demo runs in the page; `done` tells the admin what happened.
struct AdminChange {
  std::string method, route;
  Json body;  // null: no body
  std::optional<Json> command;
  std::string done;
};

// The role names a login may hold, in the order the forms show them.
constexpr std::array<const char*, 4> kRoleChoices = {"operator", "supervisor", "reader", "admin"};

struct UserForm {
  std::string login, password, agent;
  std::string name, nickname;  // a bound login's agent, as customers and colleagues see it
  std::array<bool, 4> roles{true, false, false, false};
};
struct GroupForm {
  std::string id, name;
  bool accept = false;  // routing: agents accept sessions themselves
  int max_active = 5;
  int max_load = 0;             // thousandths of channel weight; 0: max_active × 1000
  int return_to_agent_min = 0;  // 0: returning customers are routed as anyone
  bool close_silent = false, transfer_unanswered = false, hold_outside_hours = false, disabled = false;
  int close_silent_after_min = 30, transfer_unanswered_after_min = 5, first_response_min = 0, next_response_min = 0;
  std::string sla_policy;
  bool hours = false;  // business hours set (else always open)
  std::string zone = "UTC";
  std::array<std::string, 7> days;  // Monday first: "09:00-12:00, 13:00-17:00"
  std::string closed;               // holidays: "2026-12-24, 2026-12-25"
  std::set<std::string> members;    // agent ids
};
struct SlaForm {
  std::string id, name;
  int first_response_min = 0, next_response_min = 0, resolution_min = 0;
  bool business_hours_only = false;
};
struct ChannelForm {
  std::string id, kind = "widget", name, group, origins, secret, outbound_url;  // origins comma-separated
  bool disabled = false, has_secret = false;
};
struct TemplateForm {
  std::string id, title, text, shortcut, group;  // group empty: desk-wide
};
struct RuleForm {
  std::string kind = "text", value, channel, match = "substring", action = "refuse";
};
struct RetentionForm {
  std::string days, channel, client;
};

enum class AdminStatus { none, loading, ready, failed };

struct AdminUi {
  bool open = false;
  std::string opened_over;  // the session open when it was shown: opening another one closes the screen
  AdminSection section = AdminSection::users;
  // asked of the App by the view
  bool want = false;                 // read the server records again
  std::deque<AdminChange> changes;  // sent one at a time, in order; the first refusal drops the rest
  // what is shown
  AdminStatus status = AdminStatus::none;
  std::map<std::string, Json> records;  // "users", "channels", "templates", "blocklist": REST's rows; "retention": {"days"}
  std::map<std::uint64_t, std::string> reading;  // request → the record list it reads
  std::uint64_t sending = 0;  // the change awaiting its answer
  std::string sending_done;   // what that change does, told once it went through
  std::string error;    // the last refusal or failure, as the server or the core said it
  std::string message;  // the last change that went through
  std::string confirm;  // what a button that cannot be undone was pressed once for
  int loaded = 0, done = 0;  // list reads and changes completed (for tests)
  // the row each section edits ("" = a new one) and the forms
  std::map<AdminSection, std::string> selected;
  UserForm user;
  std::string new_password;
  GroupForm group;
  SlaForm sla;
  ChannelForm channel;
  TemplateForm templ;
  RuleForm rule;
  RetentionForm retention;
};

// On a server admins get the screen; in the offline demo, whose desk is the user's own, everyone.
bool shows_admin(const State& state, AgentIx agent, bool demo);

// The record lists read over REST: list name → GET route; and the rows in an answer.
const std::vector<std::pair<std::string, std::string>>& admin_record_routes();
Json admin_rows_from_answer(const std::string& list, const Json& answer);

// The error text of a REST answer: the server's own message, else the status.
std::string admin_answer_error(int status, std::string_view body);

// The REST request that carries a desk command (group.create → POST api/v1/groups, …).
AdminChange command_as_request(const Json& command, std::string done);
// The core's verdict on the desk commands among `changes`, in order, against the State as the page has it
// (each one after the ones before it): nullopt = all accepted.
std::optional<std::string> core_refusal(const State& state, const std::vector<AdminChange>& changes, Timestamp now);

// Queues the changes once the core accepts their desk commands; else shows why nothing is sent.
void queue_changes(AdminUi& ui, const State& state, Timestamp now, Result<std::vector<AdminChange>> changes);
void queue_change(AdminUi& ui, const State& state, Timestamp now, Result<AdminChange> change);

// Forms filled from a row.
UserForm user_form(const Json& row);
GroupForm group_form(const State& state, const Group& group);
SlaForm sla_form(const SlaPolicy& policy);
ChannelForm channel_form(const Json& row);
TemplateForm template_form(const Json& row);

// The changes a form's button makes; an error says which field to fix and nothing is sent.
Result<std::vector<AdminChange>> create_user(const State& state, const UserForm& form);
Result<std::vector<AdminChange>> save_user_roles(const State& state, const UserForm& form, const Json& row);
Result<AdminChange> reset_password(const std::string& login, const std::string& password);
Result<AdminChange> set_user_disabled(const State& state, const Json& row, bool disabled);
AdminChange delete_user(const std::string& login);
Result<std::vector<AdminChange>> save_group(const State& state, const GroupForm& form, bool create);
Result<AdminChange> save_sla(const SlaForm& form);
AdminChange delete_sla(const std::string& id);
Result<AdminChange> save_channel(const ChannelForm& form, bool create);
Result<AdminChange> save_template(const TemplateForm& form, bool create);
AdminChange delete_template(const std::string& id);
Result<AdminChange> add_rule(const RuleForm& form);
AdminChange delete_rule(const std::string& id);
Result<AdminChange> set_retention(const std::string& days);
Result<AdminChange> erase_customer(const std::string& channel, const std::string& client);

// The screen for the test hook: section, status, error, message, counters and the server records.
Json admin_snapshot_json(const AdminUi& ui);

}  // namespace parley::web
