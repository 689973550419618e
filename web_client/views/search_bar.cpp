// Search field and its results under it in a window of their own (only visible rows laid out); a
// message result is handed to the session view to scroll to.
#include "views/search_bar.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "format.hpp"
#include "theme.hpp"
#include "views/chat_list.hpp"

namespace parley::web {

namespace {

constexpr std::size_t kLargeDesk = 20000;  // above this, results follow State changes at most once a second

void refresh(const ViewContext& view, SearchState& s, const Chat* chat) {
  const std::string chat_id = chat ? chat->id : std::string();
  const bool same_question = s.for_query == s.query && s.for_chat == chat_id;
  if (same_question && s.for_version == view.state.applied_events) return;
  if (same_question && view.state.chats.size() > kLargeDesk && view.wall - s.computed_at < kSecond &&
      view.wall >= s.computed_at)
    return;
  s.for_query = s.query;
  s.for_chat = chat_id;
  s.for_version = view.state.applied_events;
  s.computed_at = view.wall;
  if (chat) {
    s.sessions.clear();
    s.name_matches = contains_ignoring_case(chat->client, s.query);
    s.messages = search_messages(*chat, s.query);
  } else {
    s.name_matches = false;
    s.messages.clear();
    s.sessions = search_sessions(view.state, view.agent, s.query);
  }
}

// A result row's clickable line, recorded as "<kind>.<id>" and the first as "<kind>"; a click closes
// the results. The row's text follows on the same line.
bool result_selectable(UiState& ui, bool selected, const std::string& kind, const std::string& id,
                       bool& first_recorded) {
  const bool clicked = ImGui::Selectable("##row", selected, 0, ImVec2(0, ImGui::GetTextLineHeight()));
  if (clicked) ui.search.open = false;
  ui.widgets.record_last_item(kind + "." + id);
  if (!first_recorded) {
    ui.widgets.record_last_item(kind);
    first_recorded = true;
  }
  ImGui::SameLine(6);
  return clicked;
}

void session_row(const ViewContext& view, UiState& ui, const Chat& chat, bool& first_recorded) {
  ImGui::PushID(chat.id.c_str());
  const std::string who = chat.assignee == kNoIndex ? std::string("unassigned")
                                                    : agent_display_name(view.state.agents[chat.assignee]);
  const std::string label = "#" + std::to_string(chat.number) + "  " + (chat.client.empty() ? "Client" : chat.client);
  if (result_selectable(ui, chat.id == ui.current_chat, "search.result", chat.id, first_recorded))
    open_chat(ui, chat.id);
  ImGui::TextUnformatted(label.c_str());
  ImGui::SameLine();
  const std::string state(chat_state_name(chat.state));
  ImGui::TextDisabled("%s · %s · %s · %s", state.c_str(), view.state.groups[chat.group].name.c_str(), who.c_str(),
                      format_clock(chat.last_activity).c_str());
  ImGui::PopID();
}

void message_row(const ViewContext& view, UiState& ui, const Chat& chat, MessageIx m, bool& first_recorded) {
  const Message& message = chat.messages[m];
  ImGui::PushID(static_cast<int>(m.value()));
  if (result_selectable(ui, ui.search.revealed == m, "search.message", message.id, first_recorded)) ui.search.reveal = m;
  ImGui::TextDisabled("%s", format_clock(message.at).c_str());
  ImGui::SameLine();
  ImGui::TextUnformatted(actor_display(view.state, chat, message.from).c_str());
  ImGui::SameLine();
  std::string text = message.text.substr(0, message.text.find('\n'));
  if (text.size() > 160) {
    std::size_t cut = 160;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    text = text.substr(0, cut) + "…";
  }
  if (text.empty() && !message.attachments.empty()) text = "[file] " + message.attachments.front().name;
  ImGui::TextDisabled("%s", text.c_str());
  ImGui::PopID();
}

// The results under the field, in a window of their own so they lie over the lists and the session.
void draw_results(const ViewContext& view, UiState& ui, const Chat* chat, ImVec2 at, float width, bool field_hovered) {
  SearchState& s = ui.search;
  const float line = ImGui::GetTextLineHeight() + ImGui::GetStyle().ItemSpacing.y;
  const std::size_t rows = chat ? s.messages.size() + 1 : s.sessions.size();
  const float height = std::min(line * static_cast<float>(std::max<std::size_t>(rows, 1)) + 2 * line, 360.0f);
  ImGui::SetNextWindowPos(at);
  ImGui::SetNextWindowSize(ImVec2(width, height));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoCollapse;
  ImGui::Begin("##search_results", nullptr, flags);
  ui.widgets.record_last_item("search.results");
  bool first = false;
  if (chat) {
    ImGui::TextDisabled(s.name_matches ? "This session's name matches · %zu messages" : "%zu messages",
                        s.messages.size());
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.messages.size()), line);
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
        message_row(view, ui, *chat, s.messages[static_cast<std::size_t>(i)], first);
  } else {
    ImGui::TextDisabled("%zu sessions", s.sessions.size());
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.sessions.size()), line);
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
        session_row(view, ui, view.state.chats[s.sessions[static_cast<std::size_t>(i)]], first);
  }
  const bool hovered =
      ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  ImGui::End();
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !hovered && !field_hovered) s.open = false;
}

// A scope button: a small toggle, recorded as "search.scope.<name>".
bool scope_button(const char* label, bool selected, bool enabled, const char* name, UiState& ui) {
  const Theme& t = theme();
  ImGui::BeginDisabled(!enabled);
  ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(selected ? t.row_selected : t.button));
  const bool clicked = ImGui::Button(label);
  ImGui::PopStyleColor();
  ImGui::EndDisabled();
  if (selected) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x + 6, b.y - 2), ImVec2(b.x - 6, b.y), t.accent, 1.0f);
  }
  ui.widgets.record_last_item(std::string("search.scope.") + name);
  return clicked && enabled;
}

}  // namespace

void draw_search_bar(const ViewContext& view, UiState& ui, Outbox&) {
  if (view.agent == kNoIndex) return;
  SearchState& s = ui.search;
  const ChatIx chat_ix = ui.current_chat.empty() ? kNoIndex : view.state.chat_ix(ui.current_chat);
  const Chat* open = chat_ix == kNoIndex ? nullptr : &view.state.chats[chat_ix];
  const Chat* chat = s.in_session ? open : nullptr;  // the scope: this session, or every session

  if (s.focus) {
    s.focus = false;
    ImGui::SetWindowFocus();  // from a focused child window too: the request is scoped to the focused window
    ImGui::SetKeyboardFocusHere();
  }
  const char* hint = chat ? "Search this session's messages   Alt+S" : "Search all sessions by name   Alt+S";
  const float scopes = ImGui::CalcTextSize("All sessionsThis session").x + ImGui::GetStyle().FramePadding.x * 4 + 12;
  const float width = std::clamp(ImGui::GetContentRegionAvail().x - scopes - 140, 200.0f, 520.0f);
  ImGui::SetNextItemWidth(width);
  const bool edited =
      ImGui::InputTextWithHint("##search", hint, &s.query, ImGuiInputTextFlags_EscapeClearsAll);
  ui.widgets.record_last_item("search.input");
  const bool active = ImGui::IsItemActive();
  s.active = active;
  if (active) s.give_back = 0;  // the field has the keyboard again (Escape below may give it back)
  const bool hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  const ImVec2 below(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + 2);
  const bool left_field = ImGui::IsItemDeactivated();
  if (edited || ImGui::IsItemActivated()) s.open = true;
  // Escape in the field, or while its results show: the search is cleared and the keyboard goes back
  // to the reply (when a session is open).
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && (active || left_field || s.open) &&
      !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
    s.query.clear();
    s.open = false;
    if (active) ImGui::ClearActiveID();
    if (open) s.give_back = 2;
  }
  if (s.give_back > 0 && !ImGui::GetIO().WantTextInput && --s.give_back == 0 && open) ui.tools.focus = 3;
  ImGui::SameLine(0, 6);
  if (scope_button("All sessions", chat == nullptr, true, "all", ui)) {
    s.in_session = false;
    s.focus = s.open = true;
  }
  ImGui::SameLine(0, 2);
  if (scope_button("This session", chat != nullptr, open != nullptr, "session", ui)) {
    s.in_session = true;
    s.focus = s.open = true;
  }
  if (s.query.empty()) s.open = false;
  if (!s.query.empty()) {
    refresh(view, s, chat);
    ImGui::SameLine(0, 10);
    if (chat) ImGui::TextDisabled("%zu in this session", s.messages.size() + (s.name_matches ? 1 : 0));
    else ImGui::TextDisabled("%zu found", s.sessions.size());
  }
  if (s.open && (active || !s.query.empty())) draw_results(view, ui, chat, below, std::max(width, 420.0f), hovered);
}

}  // namespace parley::web
