// LayoutWatch: tells whether the last ImGui frame laid out windows or table columns differently from the
// frame before (tables fit their columns to content one frame late), so the page keeps drawing until still.
#pragma once

#include <cstdint>

namespace parley::web {

class LayoutWatch {
 public:
  // Call after ImGui::Render(). True while the layout moved since the previous call, at most `limit`
  // calls in a row (a layout that never settles must not keep the page drawing forever).
  bool still_moving(int limit = 8);

 private:
  std::uint64_t last_ = 0;
  int moving_for_ = 0;
};

// The fingerprint itself: positions and sizes of the active windows and the columns of the tables
// drawn in the current frame.
std::uint64_t layout_fingerprint();

}  // namespace parley::web
