// The team board: queues, sessions at risk and agents as three tables over board_for's cached
// core board; durations are formatted from the frame's `now`, so waits tick without recomputing.
#include "views/team_board_view.hpp"

#include <imgui.h>

#include <algorithm>

#include "format.hpp"
#include "theme.hpp"
#include "views/chat_list.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

constexpr ImGuiTableFlags kTableFlags =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;

ImU32 status_color(AgentStatus status) {
  const Theme& t = theme();
  switch (status) {
    case AgentStatus::online: return t.status_online;
    case AgentStatus::dnd: return t.status_dnd;
    case AgentStatus::offline: return t.status_offline;
  }
  return t.status_offline;
}

std::string in_or_ago(Duration left) {
  return left >= 0 ? "in " + format_wait(left) : format_wait(-left) + " ago";
}

std::string risk_text(const ViewContext& view, const BoardRisk& risk) {
  const Chat& chat = view.state.chats[risk.chat];
  const Duration left = risk.due - view.now;
  switch (risk.reason) {
    case RiskReason::long_wait: return "Waiting " + format_wait(view.now - chat.enqueued_at);
    case RiskReason::sla: return left >= 0 ? "Reply due " + in_or_ago(left) : "Reply overdue by " + format_wait(-left);
    case RiskReason::transfer_unanswered: return "Unanswered: moves on " + in_or_ago(left);
    case RiskReason::close_silent: return "Customer silent: closes " + in_or_ago(left);
  }
  return {};
}

void open_from_board(UiState& ui, const std::string& chat) {
  open_chat(ui, chat);
  ui.board.open = false;
}

// A row-high selectable that opens a session, under the row's other cells.
bool session_cell(const Chat& chat, const std::string& widget, UiState& ui) {
  const std::string label = "#" + std::to_string(chat.number) + "  " + (chat.client.empty() ? "Client" : chat.client);
  glyph_cache().want(Face::regular, label);
  const bool clicked = ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns);
  ui.widgets.record_last_item(widget);
  return clicked;
}

void draw_queues(const ViewContext& view, const TeamBoard& board, UiState& ui) {
  heading("Queues");
  if (!ImGui::BeginTable("##board_groups", 5, kTableFlags)) return;
  ImGui::TableSetupColumn("Group", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("Waiting", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Longest wait", ImGuiTableColumnFlags_WidthStretch, 1.8f);
  ImGui::TableSetupColumn("Online", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Free", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  const Theme& t = theme();
  for (const BoardGroup& row : board.groups) {
    const Group& group = view.state.groups[row.group];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    glyph_cache().want(Face::regular, group.name);
    ImGui::TextUnformatted(group.name.c_str());
    ui.widgets.record_last_item("board.group." + group.id);
    ImGui::TableNextColumn();
    ImGui::Text("%d", row.waiting);
    ImGui::TableNextColumn();
    if (row.oldest_wait_since == kNever) ImGui::TextDisabled("—");
    else ImGui::TextUnformatted(format_wait(view.now - row.oldest_wait_since).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d of %d", row.agents_online, row.members);
    ImGui::TableNextColumn();
    if (row.agents_free == 0 && row.waiting > 0)
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(t.danger), "%d", row.agents_free);
    else ImGui::Text("%d", row.agents_free);
  }
  ImGui::EndTable();
}

void draw_risks(const ViewContext& view, const TeamBoard& board, UiState& ui) {
  heading("At risk (" + std::to_string(board.at_risk_total) + ")");
  if (board.at_risk.empty()) {
    ImGui::TextDisabled("No session waits long or has a deadline within a minute.");
    return;
  }
  if (!ImGui::BeginTable("##board_risks", 4, kTableFlags)) return;
  ImGui::TableSetupColumn("Session", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("Group", ImGuiTableColumnFlags_WidthStretch, 1.8f);
  ImGui::TableSetupColumn("Agent", ImGuiTableColumnFlags_WidthStretch, 1.8f);
  ImGui::TableSetupColumn("Why", ImGuiTableColumnFlags_WidthStretch, 3.4f);
  ImGui::TableHeadersRow();
  const Theme& t = theme();
  for (const BoardRisk& risk : board.at_risk) {
    const Chat& chat = view.state.chats[risk.chat];
    ImGui::PushID(chat.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (session_cell(chat, "board.risk." + chat.id, ui)) open_from_board(ui, chat.id);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(view.state.groups[chat.group].name.c_str());
    ImGui::TableNextColumn();
    if (chat.assignee == kNoIndex) ImGui::TextDisabled("unassigned");
    else ImGui::TextUnformatted(agent_display_name(view.state.agents[chat.assignee]).c_str());
    ImGui::TableNextColumn();
    const bool past = risk.due <= view.now;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(past ? t.danger : t.warning), "%s", risk_text(view, risk).c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (board.at_risk_total > board.at_risk.size())
    ImGui::TextDisabled("The %zu with the earliest deadlines of %zu.", board.at_risk.size(), board.at_risk_total);
}

void load_bar(const BoardAgent& row) {
  const Theme& t = theme();
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = std::min(72.0f, std::max(24.0f, ImGui::GetContentRegionAvail().x - 60));
  const float fill = row.capacity > 0 ? std::min(1.0f, static_cast<float>(row.active) / static_cast<float>(row.capacity)) : 0;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 top(at.x, at.y + line * 0.3f), bottom(at.x + width, at.y + line * 0.7f);
  draw->AddRectFilled(top, bottom, t.sunken, 3.0f);
  draw->AddRect(top, bottom, t.border, 3.0f);
  if (fill > 0) draw->AddRectFilled(top, ImVec2(at.x + width * fill, bottom.y), row.takes_more ? t.accent : t.warning, 3.0f);
  ImGui::Dummy(ImVec2(width, line));
  ImGui::SameLine(0, 8);
  ImGui::Text("%d / %d", row.active, row.capacity);
}

void draw_agents(const ViewContext& view, const TeamBoard& board, UiState& ui) {
  heading("Agents");
  if (!ImGui::BeginTable("##board_agents", 4, kTableFlags)) return;
  ImGui::TableSetupColumn("Agent", ImGuiTableColumnFlags_WidthStretch, 2.6f);
  ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch, 2.6f);
  ImGui::TableSetupColumn("Load", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn("Sessions", ImGuiTableColumnFlags_WidthStretch, 2.6f);
  ImGui::TableHeadersRow();
  for (const BoardAgent& row : board.agents) {
    const Agent& agent = view.state.agents[row.agent];
    ImGui::PushID(agent.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string name = agent_display_name(agent);
    glyph_cache().want(Face::regular, name);
    const float line = ImGui::GetTextLineHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + 5, at.y + line * 0.5f), 5.0f, status_color(row.status));
    ImGui::SetCursorScreenPos(ImVec2(at.x + 16, at.y));
    ImGui::TextUnformatted(name.c_str());
    ui.widgets.record_last_item("board.agent." + agent.id);
    ImGui::TableNextColumn();
    const Duration in_status = view.now - row.status_since;
    ImGui::Text("%s · %s", status_label(row.status).c_str(),
                in_status < 5 * kSecond ? "just now" : format_wait(in_status).c_str());
    ImGui::TableNextColumn();
    load_bar(row);
    ImGui::TableNextColumn();
    if (row.sessions.empty()) ImGui::TextDisabled("—");
    const float cell = ImGui::GetContentRegionAvail().x;
    float used = 0;  // the buttons wrap inside the cell: none is cut off
    for (std::size_t i = 0; i < row.sessions.size(); ++i) {
      const Chat& chat = view.state.chats[row.sessions[i]];
      const std::string label = "#" + std::to_string(chat.number);
      const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
      if (i > 0 && used + 4 + w <= cell) {
        ImGui::SameLine(0, 4);
        used += 4 + w;
      } else {
        used = w;
      }
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::SmallButton(label.c_str())) open_from_board(ui, chat.id);
      ui.widgets.record_last_item("board.session." + chat.id);
      ImGui::PopID();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void draw_board_tab(const ViewContext& view, UiState& ui) {
  if (!shows_team_board(view.state, view.agent)) return;
  const char* label = "Team board###tab.board";
  const float width = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
  if (ImGui::GetItemRectMax().x + 4 + width <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
    ImGui::SameLine(0, 4);
  const Theme& t = theme();
  ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(ui.board.open ? t.row_selected : t.button));
  if (ImGui::Button(label)) {
    ui.board.open = !ui.board.open;
    ui.board.opened_over = ui.current_chat;
  }
  ImGui::PopStyleColor();
  if (ui.board.open) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x + 6, b.y - 2), ImVec2(b.x - 6, b.y), t.accent, 1.0f);
  }
  ui.widgets.record_last_item("tab.board");
}

bool board_showing(const ViewContext& view, UiState& ui) {
  if (ui.board.open && (ui.current_chat != ui.board.opened_over || !shows_team_board(view.state, view.agent)))
    ui.board.open = false;
  return ui.board.open;
}

void draw_team_board(const ViewContext& view, UiState& ui) {
  const TeamBoard* board = board_for(ui.board, view.state, view.agent, view.now);
  if (!board) return;
  heading("Team board");
  ImGui::SameLine(0, 12);
  ImGui::TextDisabled("%zu agents · %zu groups · live at %s", board->agents.size(), board->groups.size(),
                      format_clock_seconds(view.now).c_str());
  ImGui::SameLine();
  const float close_w = ImGui::CalcTextSize("Close").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - close_w));
  if (ImGui::Button("Close###board.close")) ui.board.open = false;
  ui.widgets.record_last_item("board.close");
  ImGui::Separator();
  ImGui::BeginChild("##board_body", ImVec2(0, 0), ImGuiChildFlags_None);
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(6, 4));
  draw_queues(view, *board, ui);
  ImGui::Spacing();
  draw_risks(view, *board, ui);
  ImGui::Spacing();
  draw_agents(view, *board, ui);
  ImGui::PopStyleVar();
  ImGui::EndChild();
  ui.widgets.record_last_item("board");
}

}  // namespace parley::web
