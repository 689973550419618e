// Walks ImGui's windows in display order (back to front) from the host's root window on.
#include "overlay_holes.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>

namespace parley::web {

ImGuiID overlay_host() {
  const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
  return window && window->RootWindow ? window->RootWindow->ID : 0;
}

std::vector<WidgetRect> windows_over(ImGuiID host, WidgetRect box) {
  std::vector<WidgetRect> holes;
  const ImGuiContext* g = ImGui::GetCurrentContext();
  if (!g || host == 0) return holes;
  bool in_front = false;
  for (const ImGuiWindow* window : g->Windows) {
    if (window->ID == host) {
      in_front = true;
      continue;
    }
    // ImGui's implicit "Debug" window is active until the frame ends, though nothing is drawn in it.
    if (!in_front || !window->Active || window->Hidden || window->IsFallbackWindow || window->RootWindow == nullptr ||
        window->RootWindow->ID == host || (window->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_ChildWindow)))
      continue;
    const ImRect r = window->OuterRectClipped;
    const float x0 = std::max(r.Min.x, box.x), y0 = std::max(r.Min.y, box.y);
    const float x1 = std::min(r.Max.x, box.x + box.w), y1 = std::min(r.Max.y, box.y + box.h);
    if (x1 > x0 && y1 > y0) holes.push_back(WidgetRect{x0, y0, x1 - x0, y1 - y0});
  }
  return holes;
}

std::string holes_text(const std::vector<WidgetRect>& holes) {
  std::string text;
  char part[96];
  for (const WidgetRect& r : holes) {
    std::snprintf(part, sizeof part, "%s%.1f %.1f %.1f %.1f", text.empty() ? "" : ",", r.x, r.y, r.w, r.h);
    text += part;
  }
  return text;
}

}  // namespace parley::web
