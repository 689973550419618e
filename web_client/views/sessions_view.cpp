// The Sessions screen: filter controls, the status line with paging and the CSV button, and the table
// of the page SessionsUi holds (ImGui table; the Started and Last activity headers sort).
#include "views/sessions_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <iterator>
#include <utility>

#include "format.hpp"
#include "reports_state.hpp"
#include "session_wire.hpp"
#include "theme.hpp"
#include "views/chat_list.hpp"
#include "views/side_screens.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

// A button that shows whether it is the one chosen (as the lists' tabs do); true when clicked.
bool choice(const std::string& label, bool chosen, const std::string& widget, Widgets& widgets) {
  const float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
  if (ImGui::GetItemRectMax().x + 4 + width <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
    ImGui::SameLine(0, 4);
  const Theme& t = theme();
  ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(chosen ? t.row_selected : t.button));
  const bool clicked = ImGui::Button((label + "###" + widget).c_str());
  ImGui::PopStyleColor();
  if (chosen) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x + 6, b.y - 2), ImVec2(b.x - 6, b.y), t.accent, 1.0f);
  }
  widgets.record_last_item(widget);
  return clicked;
}

const char* state_label(ChatState state) {
  switch (state) {
    case ChatState::queued: return "Waiting";
    case ChatState::open: return "Open";
    case ChatState::paused: return "Paused";
    case ChatState::closed: return "Closed";
  }
  return "";
}

// A labelled text field; true when Enter was pressed in it.
bool field(const char* label, std::string& value, const char* widget, float width, UiState& ui, bool same_line) {
  if (same_line && ImGui::GetItemRectMax().x + 16 + ImGui::CalcTextSize(label).x + width <=
                       ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
    ImGui::SameLine(0, 16);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  glyph_cache().want(Face::regular, value);
  const bool enter =
      ImGui::InputText((std::string("##") + widget).c_str(), &value, ImGuiInputTextFlags_EnterReturnsTrue);
  ui.widgets.record_last_item(widget);
  return enter;
}

void draw_filters(const ViewContext& view, UiState& ui) {
  SessionsUi& s = ui.sessions;
  bool apply = false;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("State");
  if (choice("Any", !s.state, "sessions.state.any", ui.widgets)) {
    s.state.reset();
    apply = true;
  }
  for (ChatState state : {ChatState::queued, ChatState::open, ChatState::paused, ChatState::closed}) {
    const std::string widget = std::string("sessions.state.") + std::string(chat_state_name(state));
    if (choice(state_label(state), s.state == state, widget, ui.widgets)) {
      s.state = state;
      apply = true;
    }
  }
  ImGui::SameLine(0, 16);
  ImGui::TextUnformatted("Spam");
  static constexpr std::pair<SpamFilter, const char*> kSpam[] = {
      {SpamFilter::any, "Any"}, {SpamFilter::no, "Not spam"}, {SpamFilter::yes, "Spam only"}};
  for (const auto& [spam, label] : kSpam)
    if (choice(label, s.spam == spam, "sessions.spam." + std::string(spam_filter_name(spam)), ui.widgets)) {
      s.spam = spam;
      apply = true;
    }

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Group");
  if (choice("All groups", s.group.empty(), "sessions.group.all", ui.widgets)) {
    s.group.clear();
    apply = true;
  }
  for (GroupIx g : report_groups(view.state, view.agent)) {
    const Group& group = view.state.groups[g];
    glyph_cache().want(Face::regular, group.name);
    if (choice(group.name.empty() ? group.id : group.name, s.group == group.id, "sessions.group." + group.id,
               ui.widgets)) {
      s.group = group.id;
      apply = true;
    }
  }

  const float em = ImGui::GetFontSize();
  apply = field("Customer", s.customer, "sessions.customer", em * 10, ui, false) || apply;
  apply = field("Agent id", s.agent, "sessions.agent", em * 7, ui, true) || apply;
  apply = field("Channel", s.channel, "sessions.channel", em * 7, ui, true) || apply;
  apply = field("Text", s.text, "sessions.text", em * 10, ui, true) || apply;
  const float day = ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 2 + 4;
  apply = field("Started from", s.first_day, "sessions.first_day", day, ui, true) || apply;
  apply = field("to", s.last_day, "sessions.last_day", day, ui, true) || apply;
  ImGui::SameLine(0, 16);
  if (ImGui::Button("Apply###sessions.apply")) apply = true;
  ui.widgets.record_last_item("sessions.apply");
  ImGui::SameLine();
  if (ImGui::Button("Clear###sessions.clear")) {
    const SessionSort sort = s.sort;
    const bool descending = s.descending;
    s.group.clear();
    s.agent.clear();
    s.channel.clear();
    s.customer.clear();
    s.text.clear();
    s.first_day.clear();
    s.last_day.clear();
    s.state.reset();
    s.spam = SpamFilter::any;
    s.sort = sort;
    s.descending = descending;
    apply = true;
  }
  ui.widgets.record_last_item("sessions.clear");
  if (apply) {
    s.page = 0;
    s.want = true;
    s.notice.clear();
  }
}

void draw_status(UiState& ui) {
  SessionsUi& s = ui.sessions;
  const Theme& t = theme();
  const std::size_t pages = sessions_pages(s);
  ImGui::BeginDisabled(s.page == 0 || s.status == SessionsStatus::loading);
  if (ImGui::Button("Previous###sessions.prev")) {
    --s.page;
    s.want = true;
  }
  ImGui::EndDisabled();
  ui.widgets.record_last_item("sessions.prev");
  ImGui::SameLine();
  ImGui::BeginDisabled(s.page + 1 >= pages || s.status == SessionsStatus::loading);
  if (ImGui::Button("Next###sessions.next")) {
    ++s.page;
    s.want = true;
  }
  ImGui::EndDisabled();
  ui.widgets.record_last_item("sessions.next");
  ImGui::SameLine();
  ImGui::BeginDisabled(s.status != SessionsStatus::ready);
  if (ImGui::Button("Download CSV###sessions.csv")) s.download = true;
  ImGui::EndDisabled();
  ui.widgets.record_last_item("sessions.csv");
  ImGui::SameLine();
  if (ImGui::Button("Refresh###sessions.refresh")) s.want = true;
  ui.widgets.record_last_item("sessions.refresh");
  ImGui::SameLine(0, 12);
  switch (s.status) {
    case SessionsStatus::none:
    case SessionsStatus::loading: ImGui::TextUnformatted("Loading the sessions…"); break;
    case SessionsStatus::failed:
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.danger));
      ImGui::TextWrapped("%s", s.error.c_str());
      ImGui::PopStyleColor();
      break;
    case SessionsStatus::ready: {
      const std::size_t first = s.data.rows.empty() ? 0 : s.query.offset + 1;
      const std::string line = std::to_string(s.data.total) + (s.data.total == 1 ? " session" : " sessions") +
                               (s.data.total > 0 ? " · " + std::to_string(first) + "–" +
                                                       std::to_string(s.query.offset + s.data.rows.size()) + " · page " +
                                                       std::to_string(s.page + 1) + " of " + std::to_string(pages)
                                                 : std::string());
      ImGui::TextUnformatted(line.c_str());
      break;
    }
  }
  ui.widgets.record_last_item("sessions.status");
  if (!s.notice.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.warning));
    ImGui::TextWrapped("%s", s.notice.c_str());
    ImGui::PopStyleColor();
  }
}

struct Column {
  const char* label;
  const char* field;
};
constexpr Column kColumns[] = {{"#", "number"},          {"Customer", "customer"}, {"Group", "group"},
                               {"Agent", "agent"},       {"State", "state"},       {"Channel", "channel"},
                               {"Started", "started"},   {"Last activity", "last_activity"},
                               {"Messages", "messages"}, {"Spam", "spam"}};
constexpr int kStartedColumn = 6, kLastActivityColumn = 7;

void cell(const std::string& text) {
  glyph_cache().want(Face::regular, text);
  ImGui::TextUnformatted(text.c_str());
}

void draw_table(const ViewContext& view, UiState& ui) {
  SessionsUi& s = ui.sessions;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX;
  constexpr int kCount = static_cast<int>(std::size(kColumns));
  if (!ImGui::BeginTable("##sessions.table", kCount, kFlags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(2, 1);
  for (int c = 0; c < kCount; ++c) {
    ImGuiTableColumnFlags flags = ImGuiTableColumnFlags_NoSort;
    if (c == kStartedColumn) flags = ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending;
    if (c == kLastActivityColumn) flags = ImGuiTableColumnFlags_PreferSortDescending;
    ImGui::TableSetupColumn(kColumns[c].label, flags, 0.0f, static_cast<ImGuiID>(c));
  }
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
    if (specs->SpecsCount > 0) {
      const ImGuiTableColumnSortSpecs& first = specs->Specs[0];
      const SessionSort sort =
          first.ColumnUserID == kLastActivityColumn ? SessionSort::last_activity : SessionSort::started;
      const bool descending = first.SortDirection != ImGuiSortDirection_Ascending;
      if (sort != s.sort || descending != s.descending) {
        s.sort = sort;
        s.descending = descending;
        s.page = 0;
        s.want = true;
      }
    }
    specs->SpecsDirty = false;
  }
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < kCount; ++c) {
    ImGui::TableSetColumnIndex(c);
    ImGui::PushID(c);
    ImGui::TableHeader(kColumns[c].label);
    ImGui::PopID();
    ui.widgets.record_last_item(std::string("sessions.head.") + kColumns[c].field);
  }
  for (const SessionRow& row : s.data.rows) {
    ImGui::TableNextRow();
    ImGui::PushID(row.id.c_str());
    ImGui::TableSetColumnIndex(0);
    const std::string number = "#" + std::to_string(row.number);
    if (ImGui::Selectable(number.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
      const ChatIx chat = view.state.chat_ix(row.id);
      if (chat != kNoIndex && !view.state.chats[chat].forgotten) {
        s.open = false;
        show_session(view, ui, chat);
      } else {
        s.notice = "Session " + number + " is not in this workspace's copy of the desk yet.";
      }
    }
    ui.widgets.record_last_item("sessions.row." + row.id);
    ImGui::TableSetColumnIndex(1);
    cell(row.customer);
    ImGui::TableSetColumnIndex(2);
    const Group* group = view.state.find_group(row.group);
    cell(group && !group->name.empty() ? group->name : row.group);
    ImGui::TableSetColumnIndex(3);
    const Agent* agent = row.agent.empty() ? nullptr : view.state.find_agent(row.agent);
    if (row.agent.empty()) ImGui::TextDisabled("—");
    else cell(agent && !agent->name.empty() ? agent->name : row.agent);
    ImGui::TableSetColumnIndex(4);
    cell(state_label(row.state));
    ImGui::TableSetColumnIndex(5);
    cell(row.channel);
    ImGui::TableSetColumnIndex(6);
    cell(format_display_time(row.started));
    ImGui::TableSetColumnIndex(7);
    cell(format_display_time(row.last_activity));
    ImGui::TableSetColumnIndex(8);
    cell(std::to_string(row.messages));
    ImGui::TableSetColumnIndex(9);
    if (row.spam) cell("Spam");
    else ImGui::TextDisabled("—");
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void draw_sessions_tab(const ViewContext& view, UiState& ui) {
  side_screen_tab(ui, ui.sessions, shows_sessions(view.state, view.agent), "Sessions###tab.sessions", "tab.sessions");
}

bool sessions_showing(const ViewContext& view, UiState& ui) {
  return side_screen_showing(ui, ui.sessions, shows_sessions(view.state, view.agent));
}

void draw_sessions(const ViewContext& view, UiState& ui) {
  ImGui::BeginChild("##sessions", ImVec2(0, 0), ImGuiChildFlags_Border);
  if (side_screen_title(ui, "Sessions", "###sessions.close", "sessions.close")) ui.sessions.open = false;
  draw_filters(view, ui);
  draw_status(ui);
  ImGui::Separator();
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(6, 4));
  draw_table(view, ui);
  ImGui::PopStyleVar();
  ImGui::EndChild();
  ui.widgets.record_last_item("sessions");
}

}  // namespace parley::web
