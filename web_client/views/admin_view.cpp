// The Admin screen: section buttons, the status line, and per section a table of records on the left
// and the form that creates or edits one on the right.
#include "views/admin_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "format.hpp"
#include "glyph_cache.hpp"
#include "theme.hpp"
#include "views/side_screens.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                        ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_ScrollY |
                                        ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;

std::string text_of(const Json& row, const char* key) {
  const auto it = row.find(key);
  return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string joined(const Json& list) {
  std::string out;
  if (list.is_array())
    for (const Json& item : list)
      if (item.is_string()) out += (out.empty() ? "" : ", ") + item.get<std::string>();
  return out;
}

const Json& rows_of(const AdminUi& a, const char* list) {
  static const Json kNone = Json::array();
  const auto it = a.records.find(list);
  return it != a.records.end() && it->second.is_array() ? it->second : kNone;
}

void cell(const std::string& text) {
  glyph_cache().want(Face::regular, text);
  if (text.empty()) ImGui::TextDisabled("—");
  else ImGui::TextUnformatted(text.c_str());
}

// The first cell of a row: selects it; true when clicked.
bool row_cell(const std::string& text, bool selected, const std::string& widget, Widgets& widgets) {
  glyph_cache().want(Face::regular, text);
  const bool clicked =
      ImGui::Selectable((text + "##" + widget).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns);
  widgets.record_last_item(widget);
  return clicked;
}

// Begins a table with its header row; false when it is not drawn (no EndTable then).
bool begin_table(const char* id, std::initializer_list<std::pair<const char*, float>> columns, float height = 0) {
  if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), kTableFlags, ImVec2(0, height))) return false;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const auto& [name, weight] : columns) ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthStretch, weight);
  ImGui::TableHeadersRow();
  return true;
}

float label_width() { return ImGui::GetFontSize() * 9; }

void label(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(label_width());
}

void text_field(const char* name, const char* hint, std::string& value, const std::string& widget, Widgets& widgets,
                ImGuiInputTextFlags flags = 0) {
  label(name);
  ImGui::SetNextItemWidth(-FLT_MIN);
  glyph_cache().want(Face::regular, value);
  ImGui::InputTextWithHint(("##" + widget).c_str(), hint, &value, flags | ImGuiInputTextFlags_AutoSelectAll);
  widgets.record_last_item(widget);
}

void int_field(const char* name, int& value, const std::string& widget, Widgets& widgets) {
  label(name);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt(("##" + widget).c_str(), &value, 0, 0, ImGuiInputTextFlags_AutoSelectAll);
  value = std::max(value, 0);
  widgets.record_last_item(widget);
}

void check(const char* name, bool& value, const std::string& widget, Widgets& widgets) {
  ImGui::Checkbox((std::string(name) + "##" + widget).c_str(), &value);
  widgets.record_last_item(widget);
}

// Radio buttons over `choices` after the label, going on under it when the line is full.
void radios(const char* name, std::string& value, std::initializer_list<const char*> choices, const std::string& widget,
            Widgets& widgets) {
  label(name);
  bool first = true;
  for (const char* choice : choices) {
    const float width = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(choice).x;
    if (!first) {
      if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <=
          ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
        ImGui::SameLine();
      else
        ImGui::SetCursorPosX(label_width());
    }
    first = false;
    if (ImGui::RadioButton((std::string(choice) + "##" + widget + choice).c_str(), value == choice)) value = choice;
    widgets.record_last_item(widget + "." + choice);
  }
}

bool button(const char* text, const std::string& widget, Widgets& widgets, bool enabled = true) {
  ImGui::BeginDisabled(!enabled);
  const bool clicked = ImGui::Button((std::string(text) + "###" + widget).c_str());
  ImGui::EndDisabled();
  widgets.record_last_item(widget);
  return clicked;
}

// A button that asks to be pressed twice for what cannot be undone; true on the second press.
bool confirmed_button(const char* text, const std::string& what, const std::string& widget, AdminUi& a,
                      Widgets& widgets) {
  const bool asking = a.confirm == what;
  if (!button(asking ? "Press again to confirm" : text, widget, widgets)) return false;
  if (asking) {
    a.confirm.clear();
    return true;
  }
  a.confirm = what;
  return false;
}

bool busy(const AdminUi& a) { return a.sending != 0 || !a.changes.empty(); }

// [SECTION] users

void draw_users(const ViewContext& view, UiState& ui) {
  AdminUi& a = ui.admin;
  std::string& selected = a.selected[AdminSection::users];
  const Json& users = rows_of(a, "users");
  const Json* row = nullptr;
  for (const Json& u : users)
    if (!selected.empty() && text_of(u, "login") == selected) row = &u;
  if (!row) selected.clear();

  ImGui::BeginChild("##admin.list", ImVec2(ImGui::GetContentRegionAvail().x * 0.55f, 0), ImGuiChildFlags_Border);
  if (button("New login", "admin.user.new", ui.widgets)) {
    selected.clear();
    a.user = UserForm{};
  }
  if (begin_table("##admin.users", {{"Login", 1.2f}, {"Agent", 1.0f}, {"Roles", 1.6f}, {"State", 0.7f}})) {
    for (const Json& u : users) {
      const std::string login = text_of(u, "login");
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (row_cell(login, login == selected, "admin.user.row." + login, ui.widgets)) {
        selected = login;
        a.user = user_form(u);
        a.new_password.clear();
      }
      ImGui::TableSetColumnIndex(1);
      cell(text_of(u, "agent"));
      ImGui::TableSetColumnIndex(2);
      cell(joined(u.value("roles", Json::array())) + (text_of(u, "roles_from") == "agent" ? " (agent's)" : ""));
      ImGui::TableSetColumnIndex(3);
      cell(u.value("disabled", false) ? "disabled" : "active");
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("##admin.form", ImVec2(0, 0), ImGuiChildFlags_Border);
  UserForm& f = a.user;
  if (!row) {
    heading("New login");
    text_field("Login", "name to sign in with", f.login, "admin.user.login", ui.widgets);
    text_field("Password", "at least 8 characters", f.password, "admin.user.password", ui.widgets,
               ImGuiInputTextFlags_Password);
    text_field("Agent", "optional: agent id (new ones are created)", f.agent, "admin.user.agent", ui.widgets);
  } else {
    heading(selected);
    ImGui::TextDisabled("%s", f.agent.empty() ? "A login of its own (no agent): its own roles"
                                              : ("Agent " + f.agent + ": the login acts with the agent's roles").c_str());
    if (!f.agent.empty()) {
      text_field("Agent name", "", f.name, "admin.user.name", ui.widgets);
      text_field("Nickname", "optional: the name customers see", f.nickname, "admin.user.nickname", ui.widgets);
    }
  }
  label("Roles");
  for (std::size_t i = 0; i < kRoleChoices.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    bool on = f.roles[i];
    check(kRoleChoices[i], on, std::string("admin.user.role.") + kRoleChoices[i], ui.widgets);
    f.roles[i] = on;
  }
  if (!row) {
    if (button("Create login", "admin.user.create", ui.widgets, !busy(a)))
      queue_changes(a, view.state, view.now, create_user(view.state, f));
  } else {
    if (button(f.agent.empty() ? "Save roles" : "Save roles and names", "admin.user.save_roles", ui.widgets, !busy(a)))
      queue_changes(a, view.state, view.now, save_user_roles(view.state, f, *row));
    ImGui::Separator();
    text_field("New password", "at least 8 characters", a.new_password, "admin.user.new_password", ui.widgets,
               ImGuiInputTextFlags_Password);
    if (button("Set password", "admin.user.reset_password", ui.widgets, !busy(a))) {
      queue_change(a, view.state, view.now, reset_password(selected, a.new_password));
      if (a.error.empty()) a.new_password.clear();
    }
    ImGui::Separator();
    const bool disabled = row->value("disabled", false);
    if (!f.agent.empty() && button(disabled ? "Enable" : "Disable", "admin.user.disable", ui.widgets, !busy(a)))
      queue_change(a, view.state, view.now, set_user_disabled(view.state, *row, !disabled));
    if (!f.agent.empty()) ImGui::SameLine();
    if (confirmed_button("Delete login", "user:" + selected, "admin.user.delete", a, ui.widgets))
      queue_change(a, view.state, view.now, delete_user(selected));
  }
  ImGui::EndChild();
}

// [SECTION] groups and SLA policies

void draw_group_form(const ViewContext& view, UiState& ui, bool create) {
  AdminUi& a = ui.admin;
  GroupForm& f = a.group;
  heading(create ? "New group" : "Group " + f.id);
  if (create) text_field("Id", "letters, digits, - _ .", f.id, "admin.group.id", ui.widgets);
  text_field("Name", "", f.name, "admin.group.name", ui.widgets);
  if (button(create ? "Create group" : "Save group", "admin.group.save", ui.widgets, !busy(a)))
    queue_changes(a, view.state, view.now, save_group(view.state, f, create));
  if (!create) {
    ImGui::SameLine();
    check("Disabled (takes no new sessions)", f.disabled, "admin.group.disabled", ui.widgets);
  }
  std::string routing = f.accept ? "accept" : "auto";
  radios("Routing", routing, {"auto", "accept"}, "admin.group.routing", ui.widgets);
  f.accept = routing == "accept";
  int_field("Max sessions", f.max_active, "admin.group.max_active", ui.widgets);
  int_field("Max load (0: sessions × 1000)", f.max_load, "admin.group.max_load", ui.widgets);
  int_field("Wait for a returning customer's agent (min)", f.return_to_agent_min, "admin.group.return_to_agent",
            ui.widgets);
  check("Close silent sessions after (min)", f.close_silent, "admin.group.close_silent", ui.widgets);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  ImGui::InputInt("##admin.group.close_after", &f.close_silent_after_min, 0, 0, ImGuiInputTextFlags_AutoSelectAll);
  check("Transfer unanswered after (min)", f.transfer_unanswered, "admin.group.transfer", ui.widgets);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  ImGui::InputInt("##admin.group.transfer_after", &f.transfer_unanswered_after_min, 0, 0,
                  ImGuiInputTextFlags_AutoSelectAll);
  label("SLA policy");
  if (ImGui::RadioButton("none##admin.group.sla", f.sla_policy.empty())) f.sla_policy.clear();
  ui.widgets.record_last_item("admin.group.sla.none");
  for (const auto& [id, policy] : view.state.sla_policies) {
    ImGui::SameLine();
    if (ImGui::RadioButton((id + "##admin.group.sla." + id).c_str(), f.sla_policy == id)) f.sla_policy = id;
    ui.widgets.record_last_item("admin.group.sla." + id);
  }
  if (f.sla_policy.empty()) {
    int_field("First reply (min)", f.first_response_min, "admin.group.first_response", ui.widgets);
    int_field("Next reply (min)", f.next_response_min, "admin.group.next_response", ui.widgets);
  }
  ImGui::SeparatorText("Business hours");
  check("Open only in business hours", f.hours, "admin.group.hours", ui.widgets);
  if (f.hours) {
    text_field("Time zone", "UTC, +02:00, Europe/Paris", f.zone, "admin.group.zone", ui.widgets);
    constexpr const char* kDays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    constexpr const char* kDayNames[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    for (std::size_t d = 0; d < 7; ++d)
      text_field(kDayNames[d], "closed · 09:00-17:00, 18:00-20:00", f.days[d], std::string("admin.group.day.") + kDays[d],
                 ui.widgets);
    text_field("Closed dates", "2026-12-24, 2026-12-25", f.closed, "admin.group.closed", ui.widgets);
    check("Hold sessions outside the hours", f.hold_outside_hours, "admin.group.hold", ui.widgets);
  }
  ImGui::SeparatorText("Members");
  for (const Agent& agent : view.state.agents) {
    bool member = f.members.contains(agent.id);
    glyph_cache().want(Face::regular, agent.name);
    check((agent.name + " (" + agent.id + ")").c_str(), member, "admin.group.member." + agent.id, ui.widgets);
    if (member) f.members.insert(agent.id);
    else f.members.erase(agent.id);
  }
}

void draw_sla_form(const ViewContext& view, UiState& ui, bool create) {
  AdminUi& a = ui.admin;
  SlaForm& f = a.sla;
  heading(create ? "New SLA policy" : "SLA policy " + f.id);
  if (create) text_field("Id", "letters, digits, - _ .", f.id, "admin.sla.id", ui.widgets);
  text_field("Name", "", f.name, "admin.sla.name", ui.widgets);
  ImGui::TextDisabled("Deadlines in minutes; 0 = not used");
  int_field("First reply", f.first_response_min, "admin.sla.first", ui.widgets);
  int_field("Next reply", f.next_response_min, "admin.sla.next", ui.widgets);
  int_field("Resolution", f.resolution_min, "admin.sla.resolution", ui.widgets);
  check("Count only business hours", f.business_hours_only, "admin.sla.business_hours_only", ui.widgets);
  if (button(create ? "Create policy" : "Save policy", "admin.sla.save", ui.widgets, !busy(a)))
    queue_change(a, view.state, view.now, save_sla(f));
  if (!create) {
    ImGui::SameLine();
    if (confirmed_button("Delete policy", "sla:" + f.id, "admin.sla.delete", a, ui.widgets))
      queue_change(a, view.state, view.now, delete_sla(f.id));
  }
}

void draw_groups(const ViewContext& view, UiState& ui) {
  AdminUi& a = ui.admin;
  std::string& selected = a.selected[AdminSection::groups];  // "group:<id>" or "sla:<id>"; "group:" a new one
  const State& state = view.state;
  if (selected.starts_with("group:") && selected.size() > 6 && !state.find_group(selected.substr(6))) selected.clear();
  if (selected.starts_with("sla:") && selected.size() > 4 && !state.sla_policies.contains(selected.substr(4)))
    selected.clear();

  ImGui::BeginChild("##admin.list", ImVec2(ImGui::GetContentRegionAvail().x * 0.5f, 0), ImGuiChildFlags_Border);
  if (button("New group", "admin.group.new", ui.widgets)) {
    selected = "group:";
    a.group = GroupForm{};
  }
  ImGui::SameLine();
  if (button("New SLA policy", "admin.sla.new", ui.widgets)) {
    selected = "sla:";
    a.sla = SlaForm{};
  }
  const float half = (ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing()) * 0.6f;
  if (begin_table("##admin.groups", {{"Group", 1.2f}, {"Routing", 0.7f}, {"SLA", 0.7f}, {"Members", 1.4f}}, half)) {
    for (const Group& g : state.groups) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const std::string label = g.name.empty() || g.name == g.id ? g.id : g.name + " (" + g.id + ")";
      if (row_cell(label + (g.disabled ? " · disabled" : ""), selected == "group:" + g.id, "admin.group.row." + g.id,
                   ui.widgets)) {
        selected = "group:" + g.id;
        a.group = group_form(state, g);
      }
      ImGui::TableSetColumnIndex(1);
      cell(g.settings.routing == Routing::accept ? "accept" : "auto");
      ImGui::TableSetColumnIndex(2);
      cell(g.settings.sla_policy);
      ImGui::TableSetColumnIndex(3);
      std::string members;
      for (AgentIx m : g.members) members += (members.empty() ? "" : ", ") + state.agents[m].id;
      cell(members);
    }
    ImGui::EndTable();
  }
  ImGui::SeparatorText("SLA policies");
  if (begin_table("##admin.slas", {{"Policy", 1.2f}, {"First", 0.5f}, {"Next", 0.5f}, {"Resolution", 0.6f}})) {
    for (const auto& [id, p] : state.sla_policies) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (row_cell(p.name.empty() || p.name == id ? id : p.name + " (" + id + ")", selected == "sla:" + id,
                   "admin.sla.row." + id, ui.widgets)) {
        selected = "sla:" + id;
        a.sla = sla_form(p);
      }
      ImGui::TableSetColumnIndex(1);
      cell(std::to_string(p.first_response_min) + " min");
      ImGui::TableSetColumnIndex(2);
      cell(std::to_string(p.next_response_min) + " min");
      ImGui::TableSetColumnIndex(3);
      cell(std::to_string(p.resolution_min) + " min" + (p.business_hours_only ? " (hours)" : ""));
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("##admin.form", ImVec2(0, 0), ImGuiChildFlags_Border);
  if (selected.starts_with("group:")) draw_group_form(view, ui, selected == "group:");
  else if (selected.starts_with("sla:")) draw_sla_form(view, ui, selected == "sla:");
  else ImGui::TextDisabled("Pick a group or an SLA policy, or make a new one.");
  ImGui::EndChild();
}

// [SECTION] channels

void draw_channels(const ViewContext& view, UiState& ui) {
  AdminUi& a = ui.admin;
  std::string& selected = a.selected[AdminSection::channels];  // "" a new one
  ImGui::BeginChild("##admin.list", ImVec2(ImGui::GetContentRegionAvail().x * 0.55f, 0), ImGuiChildFlags_Border);
  if (button("New channel", "admin.channel.new", ui.widgets)) {
    selected.clear();
    a.channel = ChannelForm{};
  }
  if (begin_table("##admin.channels", {{"Channel", 1.0f}, {"Kind", 0.6f}, {"Group", 0.7f}, {"Origins", 1.2f}})) {
    for (const Json& c : rows_of(a, "channels")) {
      const std::string id = text_of(c, "id");
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const std::string name = text_of(c, "name");
      if (row_cell((name.empty() || name == id ? id : name + " (" + id + ")") + (c.value("disabled", false) ? " · disabled" : ""),
                   id == selected, "admin.channel.row." + id, ui.widgets)) {
        selected = id;
        a.channel = channel_form(c);
      }
      ImGui::TableSetColumnIndex(1);
      cell(text_of(c, "kind"));
      ImGui::TableSetColumnIndex(2);
      cell(text_of(c, "group"));
      ImGui::TableSetColumnIndex(3);
      cell(joined(c.value("origins", Json::array())));
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("##admin.form", ImVec2(0, 0), ImGuiChildFlags_Border);
  ChannelForm& f = a.channel;
  const bool create = selected.empty();
  heading(create ? "New channel" : "Channel " + f.id);
  if (create) text_field("Id", "letters, digits, . _ ~ -", f.id, "admin.channel.id", ui.widgets);
  radios("Kind", f.kind, {"widget", "webhook", "internal"}, "admin.channel.kind", ui.widgets);
  text_field("Name", "as sessions show it", f.name, "admin.channel.name", ui.widgets);
  text_field("Group", "the group its sessions go to", f.group, "admin.channel.group", ui.widgets);
  if (f.kind == "widget") text_field("Origins", "https://example.com, … or *", f.origins, "admin.channel.origins", ui.widgets);
  if (f.kind == "webhook") {
    text_field("Secret", f.has_secret ? "type it again to keep it" : "at least 16 characters", f.secret,
               "admin.channel.secret", ui.widgets, ImGuiInputTextFlags_Password);
    text_field("Outbound URL", "where agents' messages are posted", f.outbound_url, "admin.channel.outbound_url",
               ui.widgets);
  }
  check("Disabled (takes no messages)", f.disabled, "admin.channel.disabled", ui.widgets);
  if (button(create ? "Create channel" : "Save channel", "admin.channel.save", ui.widgets, !busy(a)))
    queue_change(a, view.state, view.now, save_channel(f, create));
  ImGui::EndChild();
}

// [SECTION] templates

void draw_templates(const ViewContext& view, UiState& ui) {
  AdminUi& a = ui.admin;
  std::string& selected = a.selected[AdminSection::templates];
  ImGui::BeginChild("##admin.list", ImVec2(ImGui::GetContentRegionAvail().x * 0.5f, 0), ImGuiChildFlags_Border);
  if (button("New template", "admin.template.new", ui.widgets)) {
    selected.clear();
    a.templ = TemplateForm{};
  }
  if (begin_table("##admin.templates", {{"Title", 1.0f}, {"Shortcut", 0.6f}, {"Text", 2.0f}})) {
    for (const Json& t : rows_of(a, "templates")) {
      const std::string id = text_of(t, "id");
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (row_cell(text_of(t, "title"), id == selected, "admin.template.row." + id, ui.widgets)) {
        selected = id;
        a.templ = template_form(t);
      }
      ImGui::TableSetColumnIndex(1);
      const std::string shortcut = text_of(t, "shortcut");
      cell(shortcut.empty() ? std::string("—") : "/" + shortcut);
      ImGui::TableSetColumnIndex(2);
      std::string text = text_of(t, "text");
      std::replace(text.begin(), text.end(), '\n', ' ');
      cell(shortened(text, 117));
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("##admin.form", ImVec2(0, 0), ImGuiChildFlags_Border);
  TemplateForm& f = a.templ;
  const bool create = selected.empty();
  heading(create ? "New template" : "Template " + f.id);
  if (create) text_field("Id", "optional", f.id, "admin.template.id", ui.widgets);
  text_field("Title", "what agents pick it by", f.title, "admin.template.title", ui.widgets);
  text_field("Shortcut", "typed as /shortcut in the reply box", f.shortcut, "admin.template.shortcut", ui.widgets);
  text_field("Group", "only its agents see it; empty: everyone", f.group, "admin.template.group", ui.widgets);
  label("Text");
  ImGui::SameLine();
  ImGui::TextDisabled("{customer.name} {agent.name} {agent.nickname} {chat.number} {group.name}");
  ImGui::NewLine();
  glyph_cache().want(Face::regular, f.text);
  ImGui::InputTextMultiline("##admin.template.text", &f.text, ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 8));
  ui.widgets.record_last_item("admin.template.text");
  if (button(create ? "Create template" : "Save template", "admin.template.save", ui.widgets, !busy(a)))
    queue_change(a, view.state, view.now, save_template(f, create));
  if (!create) {
    ImGui::SameLine();
    if (confirmed_button("Delete template", "template:" + f.id, "admin.template.delete", a, ui.widgets))
      queue_change(a, view.state, view.now, delete_template(f.id));
  }
  ImGui::EndChild();
}

// [SECTION] blocklist

void draw_blocklist(const ViewContext& view, UiState& ui) {
  AdminUi& a = ui.admin;
  ImGui::BeginChild("##admin.list", ImVec2(ImGui::GetContentRegionAvail().x * 0.55f, 0), ImGuiChildFlags_Border);
  if (begin_table("##admin.rules", {{"Kind", 0.5f}, {"Value", 1.4f}, {"Scope", 0.8f}, {"Action", 0.5f}, {"", 0.6f}})) {
    for (const Json& r : rows_of(a, "blocklist")) {
      const std::string id = text_of(r, "id");
      ImGui::TableNextRow();
      ImGui::PushID(id.c_str());
      ImGui::TableSetColumnIndex(0);
      cell(text_of(r, "kind"));
      ui.widgets.record_last_item("admin.rule.row." + id);
      ImGui::TableSetColumnIndex(1);
      cell(text_of(r, "value"));
      ImGui::TableSetColumnIndex(2);
      cell(text_of(r, "kind") == "customer" ? text_of(r, "channel") : text_of(r, "match"));
      ImGui::TableSetColumnIndex(3);
      cell(text_of(r, "action"));
      ImGui::TableSetColumnIndex(4);
      if (button("Remove", "admin.rule.remove." + id, ui.widgets, !busy(a)))
        queue_change(a, view.state, view.now, delete_rule(id));
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("##admin.form", ImVec2(0, 0), ImGuiChildFlags_Border);
  RuleForm& f = a.rule;
  heading("New rule");
  radios("Kind", f.kind, {"text", "customer", "visitor", "ip"}, "admin.rule.kind", ui.widgets);
  const char* hint = f.kind == "text"       ? "words (never a regular expression)"
                     : f.kind == "customer" ? "the customer's id on the channel"
                     : f.kind == "visitor"  ? "the widget visitor id"
                                            : "an address or a CIDR range";
  text_field("Value", hint, f.value, "admin.rule.value", ui.widgets);
  if (f.kind == "customer") text_field("Channel", "the channel's name", f.channel, "admin.rule.channel", ui.widgets);
  if (f.kind == "text") radios("Match", f.match, {"substring", "word"}, "admin.rule.match", ui.widgets);
  radios("Action", f.action, {"refuse", "spam"}, "admin.rule.action", ui.widgets);
  if (button("Add rule", "admin.rule.add", ui.widgets, !busy(a))) {
    queue_change(a, view.state, view.now, add_rule(f));
    if (a.error.empty()) f.value.clear();
  }
  ImGui::EndChild();
}

// [SECTION] retention and erasure

void draw_retention(const ViewContext& view, UiState& ui) {
  AdminUi& a = ui.admin;
  RetentionForm& f = a.retention;
  ImGui::BeginChild("##admin.form", ImVec2(0, 0), ImGuiChildFlags_Border);
  heading("Retention");
  const auto kept = a.records.find("retention");
  const long long days = kept != a.records.end() ? kept->second.value("days", -1LL) : -1LL;
  if (days == 0) ImGui::TextUnformatted("Closed sessions' content is kept forever.");
  else if (days > 0)
    ImGui::Text("Closed sessions' content is erased %lld days after their last activity.", days);
  ui.widgets.record_last_item("admin.retention.now");
  text_field("Days to keep", "0 = forever", f.days, "admin.retention.days", ui.widgets);
  if (button("Save retention", "admin.retention.save", ui.widgets, !busy(a)))
    queue_change(a, view.state, view.now, set_retention(f.days));
  ImGui::Spacing();
  heading("Erase a customer");
  ImGui::TextWrapped(
      "Removes the texts, files, notes and customer id of every session of this customer on this channel; "
      "the desk's figures stay.");
  text_field("Channel", "as sessions show it", f.channel, "admin.erase.channel", ui.widgets);
  text_field("Customer", "the sessions' client", f.client, "admin.erase.client", ui.widgets);
  if (confirmed_button("Erase customer", "erase:" + f.channel + "/" + f.client, "admin.erase.submit", a, ui.widgets))
    queue_change(a, view.state, view.now, erase_customer(f.channel, f.client));
  ImGui::EndChild();
}

void draw_status(const ViewContext& view, UiState& ui) {
  const AdminUi& a = ui.admin;
  const Theme& t = theme();
  if (!a.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.danger));
    glyph_cache().want(Face::regular, a.error);
    ImGui::TextWrapped("%s", a.error.c_str());
    ImGui::PopStyleColor();
  } else if (busy(a)) {
    ImGui::TextUnformatted("Saving…");
  } else if (!a.message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.success));
    glyph_cache().want(Face::regular, a.message);
    ImGui::TextWrapped("%s", a.message.c_str());
    ImGui::PopStyleColor();
  } else if (a.status == AdminStatus::loading) {
    ImGui::TextUnformatted("Reading the records…");
  } else {
    ImGui::TextDisabled("%s", view.mode == Mode::demo ? "Changes go to the demo's own desk in this page."
                                                      : "Changes go to the server at once.");
  }
  ui.widgets.record_last_item("admin.status");
}

}  // namespace

void draw_admin_tab(const ViewContext& view, UiState& ui) {
  side_screen_tab(ui, ui.admin, shows_admin(view.state, view.agent, view.mode == Mode::demo),
                  "Admin###tab.admin", "tab.admin");
}

bool admin_showing(const ViewContext& view, UiState& ui) {
  return side_screen_showing(ui, ui.admin, shows_admin(view.state, view.agent, view.mode == Mode::demo));
}

void draw_admin(const ViewContext& view, UiState& ui) {
  AdminUi& a = ui.admin;
  ImGui::BeginChild("##admin", ImVec2(0, 0), ImGuiChildFlags_Border);
  if (side_screen_title(ui, "Administration", "###admin.close", "admin.close")) a.open = false;
  const Theme& t = theme();
  for (AdminSection section : kAdminSections) {
    const std::string widget = std::string("admin.section.") + admin_section_name(section);
    const float width = ImGui::CalcTextSize(admin_section_title(section)).x + ImGui::GetStyle().FramePadding.x * 2;
    if (section != kAdminSections.front() &&
        ImGui::GetItemRectMax().x + 4 + width <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
      ImGui::SameLine(0, 4);
    const bool chosen = a.section == section;
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(chosen ? t.row_selected : t.button));
    if (ImGui::Button((std::string(admin_section_title(section)) + "###" + widget).c_str())) {
      a.section = section;
      a.confirm.clear();
    }
    ImGui::PopStyleColor();
    if (chosen) {
      const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(lo.x + 6, hi.y - 2), ImVec2(hi.x - 6, hi.y), t.accent, 1.0f);
    }
    ui.widgets.record_last_item(widget);
  }
  ImGui::SameLine(0, 12);
  if (button("Refresh", "admin.refresh", ui.widgets)) a.want = true;
  draw_status(view, ui);
  ImGui::Separator();
  if (view.mode == Mode::demo && server_only(a.section)) {
    ImGui::TextWrapped(
        "The offline demo has no server: logins, channels, templates, the blocklist and retention are kept by a "
        "server. Groups, their members and SLA policies change in the demo's own desk.");
    ui.widgets.record_last_item("admin.demo_note");
  } else {
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(6, 4));
    switch (a.section) {
      case AdminSection::users: draw_users(view, ui); break;
      case AdminSection::groups: draw_groups(view, ui); break;
      case AdminSection::channels: draw_channels(view, ui); break;
      case AdminSection::templates: draw_templates(view, ui); break;
      case AdminSection::blocklist: draw_blocklist(view, ui); break;
      case AdminSection::retention: draw_retention(view, ui); break;
    }
    ImGui::PopStyleVar();
  }
  ImGui::EndChild();
  ui.widgets.record_last_item("admin");
}

}  // namespace parley::web
