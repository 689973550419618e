// Session lists in tabs. Only the visible rows are asked of the core (ImGuiListClipper over
// parley::session_list_rows), so a frame costs the same with 10 or 100 000 sessions in a list.
#include "views/chat_list.hpp"

#include <imgui.h>

#include <algorithm>

#include "actions.hpp"
#include "format.hpp"

namespace parley::web {

namespace {

constexpr ImU32 kNewColor = IM_COL32(90, 160, 255, 255);
constexpr ImU32 kPausedColor = IM_COL32(242, 166, 51, 255);
constexpr ImU32 kUnreadColor = IM_COL32(220, 70, 70, 255);

struct Tab {
  ListView view;
  const char* label;
  const char* widget;
};
constexpr Tab kTabs[] = {{ListView::mine, "My sessions", "tab.mine"},
                         {ListView::queue, "Queue", "tab.queue"},
                         {ListView::active, "Active", "tab.active"},
                         {ListView::closed, "Closed", "tab.closed"}};

std::size_t list_size(const ViewContext& view, ListView which) {
  const auto size = session_list_size(view.state, view.agent, which);
  return size.ok() ? size.value() : 0;
}

void draw_row(const ViewContext& view, UiState& ui, Outbox& out, ListView which, ChatIx chat_ix, float row_height,
              bool& accept_recorded) {
  const Chat& chat = view.state.chats[chat_ix];
  const bool mine = chat.assignee == view.agent;
  const ChatActions actions = allowed_actions(view.state, view.agent, chat_ix, view.now);
  const bool accept = which == ListView::queue && allows(actions, kActionAccept);
  const bool current = chat.id == ui.current_chat;
  ImGui::PushID(chat.id.c_str());
  const ImVec2 top_left = ImGui::GetCursorScreenPos();
  const float accept_width =
      accept ? ImGui::CalcTextSize("Accept").x + ImGui::GetStyle().FramePadding.x * 2 : 0.0f;
  const float row_width =
      ImGui::GetContentRegionAvail().x - (accept_width > 0 ? accept_width + ImGui::GetStyle().ItemSpacing.x : 0.0f);
  if (ImGui::Selectable("##row", current, ImGuiSelectableFlags_None, ImVec2(row_width, row_height)))
    open_chat(ui, chat.id);
  ui.widgets.record_last_item("chat." + chat.id);
  if (ImGui::BeginPopupContextItem("##row_menu")) {
    if (ImGui::MenuItem("Open")) open_chat(ui, chat.id);
    if (allows(actions, kActionCloseManual) && ImGui::MenuItem("Close (manual action)"))
      out.send(CloseChat{chat.id, Actor{ActorKind::manual, view.agent_id}});
    ImGui::EndPopup();
  }
  const float width = ImGui::GetItemRectSize().x;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  float x = top_left.x + 6;
  const float y1 = top_left.y + 2, y2 = y1 + line + 2;
  if (current) draw->AddRectFilled(top_left, ImVec2(top_left.x + 3, top_left.y + row_height), kNewColor);
  if (mine && !chat.opened && chat.state != ChatState::closed) {  // new, not opened yet
    draw->AddCircleFilled(ImVec2(x + 4, y1 + line * 0.5f), 4.0f, kNewColor);
    x += 14;
  }
  const std::string title = "#" + std::to_string(chat.number) + "  " + (chat.client.empty() ? "Client" : chat.client);
  draw->AddText(ImVec2(x, y1), ImGui::GetColorU32(ImGuiCol_Text), title.c_str());
  if (chat.unread > 0) {
    const std::string count = std::to_string(chat.unread);
    const ImVec2 size = ImGui::CalcTextSize(count.c_str());
    const float cx = top_left.x + width - 14 - size.x * 0.5f, cy = y1 + line * 0.5f;
    draw->AddCircleFilled(ImVec2(cx, cy), std::max(size.x * 0.5f + 4, line * 0.5f), kUnreadColor);
    draw->AddText(ImVec2(cx - size.x * 0.5f, y1), IM_COL32_WHITE, count.c_str());
  }
  std::string detail = chat.channel + " · " + view.state.groups[chat.group].name;
  if (which == ListView::active || which == ListView::closed)
    detail += " · " + (chat.assignee == kNoIndex ? std::string("unassigned")
                                                 : agent_display_name(view.state.agents[chat.assignee]));
  detail += " · " + format_clock(chat.last_activity);
  float dx = top_left.x + 6;
  if (chat.state == ChatState::paused) {
    draw->AddText(ImVec2(dx, y2), kPausedColor, "‖ Paused");
    dx += ImGui::CalcTextSize("‖ Paused").x + 8;
  }
  draw->AddText(ImVec2(dx, y2), ImGui::GetColorU32(ImGuiCol_TextDisabled), detail.c_str());
  if (accept) {
    ImGui::SetCursorScreenPos(ImVec2(top_left.x + width + ImGui::GetStyle().ItemSpacing.x,
                                     top_left.y + (row_height - ImGui::GetFrameHeight()) * 0.5f));
    if (ImGui::Button("Accept")) {
      out.send(AcceptChat{chat.id, view.agent_id});
      open_chat(ui, chat.id);
    }
    ui.widgets.record_last_item("chat.accept." + chat.id);
    if (!accept_recorded) {
      ui.widgets.record_last_item("chat.accept");
      accept_recorded = true;
    }
    ImGui::SetCursorScreenPos(ImVec2(top_left.x, top_left.y + row_height + ImGui::GetStyle().ItemSpacing.y));
  }
  ImGui::PopID();
}

// Up/Down open the previous/next session of the list while the lists have the focus and no text
// field takes the keys; the list then scrolls to keep it in view.
void step_with_keys(const ViewContext& view, UiState& ui, std::size_t size) {
  if (size == 0 || ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) ||
      !ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows))
    return;
  const int step = ImGui::IsKeyPressed(ImGuiKey_DownArrow) ? 1 : ImGui::IsKeyPressed(ImGuiKey_UpArrow) ? -1 : 0;
  if (step == 0) return;
  const ChatIx current = ui.current_chat.empty() ? kNoIndex : view.state.chat_ix(ui.current_chat);
  const auto at = current == kNoIndex ? std::nullopt : session_list_position(view.state, view.agent, ui.tab, current);
  std::size_t row = 0;
  if (at) row = step > 0 ? std::min(*at + 1, size - 1) : (*at > 0 ? *at - 1 : 0);
  const auto rows = session_list_rows(view.state, view.agent, ui.tab, row, 1);
  if (!rows.ok() || rows.value().empty()) return;
  open_chat(ui, view.state.chats[rows.value().front()].id);
  ui.list_reveal_row = static_cast<int>(row);
}

}  // namespace

void open_chat(UiState& ui, const std::string& id) {
  if (ui.current_chat == id) return;
  ui.current_chat = id;
  ui.composer.clear();
  ui.stick_to_bottom = true;
}

void draw_chat_list(const ViewContext& view, UiState& ui, Outbox& out) {
  if (view.agent == kNoIndex) {
    ImGui::TextDisabled("Waiting for the desk…");
    return;
  }
  const Agent& me = view.state.agents[view.agent];
  const Counters c = counters(view.state, view.agent);
  int shown = 0;
  const auto counter = [&](bool show, const char* label, int value, const char* widget) {
    if (!show) return;
    if (shown++ > 0) ImGui::SameLine(0, 12);
    ImGui::Text("%s %d", label, value);
    ui.widgets.record_last_item(widget);
  };
  counter(c.shows_unread, "Unread", c.unread, "counter.unread");
  counter(c.shows_unassigned, "Unassigned", c.unassigned, "counter.unassigned");
  counter(c.shows_new, "New", c.new_unassigned, "counter.new");
  if (shown > 0) {
    ImGui::SameLine(0, 12);
    ImGui::TextDisabled("(total %d)", c.total);
  }

  // The tab strip is plain buttons: ImGui's tab items allow overlap, which makes them miss a click
  // whose press arrives in the same frame as the pointer (as synthetic and fast clicks do).
  if (!ui.tab_chosen || !may_list(me, ui.tab)) ui.tab = first_list(me);
  ui.tab_chosen = true;
  bool first = true;
  for (const Tab& tab : kTabs) {
    if (!may_list(me, tab.view)) continue;
    const std::string label =
        std::string(tab.label) + " " + std::to_string(list_size(view, tab.view)) + "###" + tab.widget;
    if (!first) ImGui::SameLine(0, 4);
    first = false;
    const bool selected = ui.tab == tab.view;
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(selected ? ImGuiCol_TabActive : ImGuiCol_Tab));
    if (ImGui::Button(label.c_str())) ui.tab = tab.view;
    ImGui::PopStyleColor();
    ui.widgets.record_last_item(tab.widget);
  }
  ImGui::Separator();

  const std::size_t size = list_size(view, ui.tab);
  step_with_keys(view, ui, size);
  // Arrow keys belong to the list here, not to ImGui's keyboard navigation between widgets.
  ImGui::BeginChild("##rows", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NoNavInputs);
  if (size == 0) ImGui::TextDisabled(ui.tab == ListView::queue ? "Nobody is waiting." : "No sessions.");
  const float row_height = ImGui::GetTextLineHeight() * 2 + 6;
  const float pitch = row_height + ImGui::GetStyle().ItemSpacing.y;
  if (ui.list_reveal_row >= 0) {
    const float top = static_cast<float>(ui.list_reveal_row) * pitch;
    if (top < ImGui::GetScrollY()) ImGui::SetScrollY(top);
    else if (top + pitch > ImGui::GetScrollY() + ImGui::GetWindowHeight())
      ImGui::SetScrollY(top + pitch - ImGui::GetWindowHeight());
    ui.list_reveal_row = -1;
  }
  bool accept_recorded = false;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(size), pitch);
  while (clipper.Step()) {
    const auto rows = session_list_rows(view.state, view.agent, ui.tab, static_cast<std::size_t>(clipper.DisplayStart),
                                        static_cast<std::size_t>(clipper.DisplayEnd - clipper.DisplayStart));
    if (!rows.ok()) continue;
    for (ChatIx chat : rows.value())
      draw_row(view, ui, out, ui.tab, chat, row_height, accept_recorded);
  }
  ImGui::EndChild();
}

}  // namespace parley::web
