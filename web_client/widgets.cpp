// Widget rectangles from ImGui's last-item data, intersected with the current clip rectangle.
#include "widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

namespace parley::web {

void Widgets::record_last_item(std::string_view name) {
  // A window's first frame (a popup or a list just opened) is laid out unseen, at a place it may not keep.
  if (!ImGui::IsItemVisible() || ImGui::GetCurrentWindowRead()->Hidden) return;
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 clip_min = draw->GetClipRectMin(), clip_max = draw->GetClipRectMax();
  const float x0 = std::max(min.x, clip_min.x), y0 = std::max(min.y, clip_min.y);
  const float x1 = std::min(max.x, clip_max.x), y1 = std::min(max.y, clip_max.y);
  if (x1 <= x0 || y1 <= y0) return;
  rects_[std::string(name)] = WidgetRect{x0, y0, x1 - x0, y1 - y0};
}

const WidgetRect* Widgets::find(std::string_view name) const {
  const auto found = rects_.find(std::string(name));
  return found == rects_.end() ? nullptr : &found->second;
}

}  // namespace parley::web
