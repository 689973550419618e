// The help overlay listing the workspace's keyboard shortcuts (flow.hpp's acts and their keys, and
// the keys of the lists and the composer); Escape or "Close" ("shortcuts.close") ends it.
#pragma once
#include "app.hpp"

namespace parley::web {

void draw_shortcut_help(UiState& ui);

}  // namespace parley::web
