// Side screens (see side_screens.hpp): the shared tab button, title row and one-at-a-time rule.
#include "views/side_screens.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "views/ui_kit.hpp"

namespace parley::web {

void close_side_screens(UiState& ui) {
  ui.reports.open = false;
  ui.sessions.open = false;
  ui.audit.open = false;
  ui.admin.open = false;
}

bool side_screen_tab(UiState& ui, const char* label, const char* widget) {
  same_line_if_fits(label, 4);
  const bool clicked = ImGui::Button(label);
  ui.widgets.record_last_item(widget);
  if (clicked) close_side_screens(ui);
  return clicked;
}

bool side_screen_title(UiState& ui, const char* title, const char* close_id, const char* close_widget) {
  heading(title);
  ImGui::SameLine();
  const char* back = "Back to sessions";
  const float close_w = ImGui::CalcTextSize(back).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - close_w));
  const bool clicked = ImGui::Button((std::string(back) + close_id).c_str());
  ui.widgets.record_last_item(close_widget);
  return clicked;
}

}  // namespace parley::web
