// Session lists in tabs. Rows are laid out only when visible (ImGuiListClipper: every row has the
// same height), from a per-tab cache rebuilt when State changes.
#include "views/chat_list.hpp"

#include <imgui.h>

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

// True when derived data built at `built_at` from State version `version` is to be rebuilt now.
bool stale(const ViewContext& view, std::uint64_t version, Timestamp built_at) {
  if (version == view.state.applied_events) return false;
  return view.state.chats.size() <= kLargeDesk || view.wall - built_at >= kSecond || view.wall < built_at;
}

const ListCache& rows_for(const ViewContext& view, UiState& ui, ListView which) {
  ListCache& cache = ui.lists[static_cast<int>(which)];
  if (cache.agent != view.agent || stale(view, cache.version, cache.built_at)) {
    cache.version = view.state.applied_events;
    cache.built_at = view.wall;
    cache.agent = view.agent;
    auto list = session_list(view.state, view.agent, which);
    cache.allowed = list.ok();
    cache.rows = list.ok() ? std::move(list.value()) : std::vector<Index>{};
  }
  return cache;
}

void open_chat(UiState& ui, const std::string& id) {
  if (ui.current_chat == id) return;
  ui.current_chat = id;
  ui.composer.clear();
  ui.stick_to_bottom = true;
}

void draw_row(const ViewContext& view, UiState& ui, Outbox& out, ListView which, const Chat& chat, float row_height,
              bool& accept_recorded) {
  const Agent& me = view.state.agents[view.agent];
  const bool mine = chat.assignee == view.agent;
  const bool current = chat.id == ui.current_chat;
  ImGui::PushID(chat.id.c_str());
  const ImVec2 top_left = ImGui::GetCursorScreenPos();
  const float accept_width = which == ListView::queue
                                 ? ImGui::CalcTextSize("Accept").x + ImGui::GetStyle().FramePadding.x * 2
                                 : 0.0f;
  const float row_width =
      ImGui::GetContentRegionAvail().x - (accept_width > 0 ? accept_width + ImGui::GetStyle().ItemSpacing.x : 0.0f);
  if (ImGui::Selectable("##row", current, ImGuiSelectableFlags_None, ImVec2(row_width, row_height)))
    open_chat(ui, chat.id);
  ui.widgets.record_last_item("chat." + chat.id);
  if (ImGui::BeginPopupContextItem("##row_menu")) {
    if (ImGui::MenuItem("Open")) open_chat(ui, chat.id);
    const bool closable = chat.state != ChatState::closed && (mine || may_supervise(me, chat.group));
    if (ImGui::MenuItem("Close (manual action)", nullptr, false, closable))
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
  if (which == ListView::queue) {
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

}  // namespace

void draw_chat_list(const ViewContext& view, UiState& ui, Outbox& out) {
  if (view.agent == kNoIndex) {
    ImGui::TextDisabled("Waiting for the desk…");
    return;
  }
  const Agent& me = view.state.agents[view.agent];
  if (stale(view, ui.counters_version, ui.counters_at)) {
    ui.counters_version = view.state.applied_events;
    ui.counters_at = view.wall;
    ui.counters = counters(view.state, view.agent);
  }
  const Counters& c = ui.counters;
  ImGui::Text("Unread %d", c.unread);
  ui.widgets.record_last_item("counter.unread");
  if (has_role(me, kRoleSupervisor) || has_role(me, kRoleAdmin)) {
    ImGui::SameLine(0, 12);
    ImGui::Text("Unassigned %d", c.unassigned);
    ui.widgets.record_last_item("counter.unassigned");
  }
  ImGui::SameLine(0, 12);
  ImGui::Text("New %d", c.new_unassigned);
  ui.widgets.record_last_item("counter.new");
  ImGui::SameLine(0, 12);
  ImGui::TextDisabled("(total %d)", c.total);

  // The tab strip is plain buttons: ImGui's tab items allow overlap, which makes them miss a click
  // whose press arrives in the same frame as the pointer (as synthetic and fast clicks do).
  const bool supervisor = has_role(me, kRoleSupervisor) || has_role(me, kRoleAdmin);
  if (ui.tab == ListView::active && !supervisor) ui.tab = ListView::mine;
  bool first = true;
  for (const Tab& tab : kTabs) {
    if (tab.view == ListView::active && !supervisor) continue;
    // Mine and Queue are counted from State directly (cheap); the other two from their lists.
    std::size_t count = 0;
    if (tab.view == ListView::mine) {
      count = me.assigned.size();
    } else if (tab.view == ListView::queue) {
      for (Index g : me.groups) count += view.state.groups[g].queue.size();
    } else {
      count = rows_for(view, ui, tab.view).rows.size();
    }
    const std::string label = std::string(tab.label) + " " + std::to_string(count) + "###" + tab.widget;
    if (!first) ImGui::SameLine(0, 4);
    first = false;
    const bool selected = ui.tab == tab.view;
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(selected ? ImGuiCol_TabActive : ImGuiCol_Tab));
    if (ImGui::Button(label.c_str())) ui.tab = tab.view;
    ImGui::PopStyleColor();
    ui.widgets.record_last_item(tab.widget);
  }
  ImGui::Separator();

  const ListCache& cache = rows_for(view, ui, ui.tab);
  ImGui::BeginChild("##rows");
  if (cache.rows.empty()) ImGui::TextDisabled(ui.tab == ListView::queue ? "Nobody is waiting." : "No sessions.");
  const float row_height = ImGui::GetTextLineHeight() * 2 + 6;
  bool accept_recorded = false;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(cache.rows.size()), row_height + ImGui::GetStyle().ItemSpacing.y);
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      draw_row(view, ui, out, ui.tab, view.state.chats[cache.rows[static_cast<std::size_t>(i)]], row_height,
               accept_recorded);
  ImGui::EndChild();
}

}  // namespace parley::web
