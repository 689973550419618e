// Hands the alerts the App decided this frame (UiState::attention) to the page's attention.js:
// sound, browser notification, and the count in the tab title and favicon. Emscripten only.
#pragma once
#ifdef __EMSCRIPTEN__
#include "app.hpp"

namespace parley::web {

// Called once per frame after the App's update; empties ui.attention.alerts.
void deliver_attention(UiState& ui);

}  // namespace parley::web
#endif
