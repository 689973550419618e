// LayoutWatch (see layout_watch.hpp): a hash over ImGui's own layout records of the current frame.
// Reads imgui_internal.h: window rectangles, content sizes and table column edges.
#include "layout_watch.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>

namespace parley::web {
namespace {

struct Hasher {
  std::uint64_t h = 1469598103934665603ull;
  void add(float v) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    h = (h ^ bits) * 1099511628211ull;
  }
  void add(ImVec2 v) {
    add(v.x);
    add(v.y);
  }
  void add(std::uint32_t v) { h = (h ^ v) * 1099511628211ull; }
};

}  // namespace

std::uint64_t layout_fingerprint() {
  ImGuiContext* context = ImGui::GetCurrentContext();
  if (!context) return 0;
  ImGuiContext& g = *context;
  Hasher hash;
  for (ImGuiWindow* window : g.Windows) {
    if (!window->Active) continue;
    hash.add(window->ID);
    hash.add(window->Pos);
    hash.add(window->Size);
    hash.add(window->ContentSize);
  }
  for (int n = 0; n < g.Tables.GetMapSize(); ++n) {
    ImGuiTable* table = g.Tables.TryGetMapData(n);
    if (!table || table->LastFrameActive != g.FrameCount) continue;
    hash.add(table->ID);
    for (int c = 0; c < table->ColumnsCount; ++c) {
      hash.add(table->Columns[c].MinX);
      hash.add(table->Columns[c].MaxX);
    }
  }
  return hash.h;
}

bool LayoutWatch::still_moving(int limit) {
  const std::uint64_t now = layout_fingerprint();
  const bool moved = now != last_;
  last_ = now;
  moving_for_ = moved ? moving_for_ + 1 : 0;
  return moved && moving_for_ <= limit;
}

}  // namespace parley::web
