// The composer's browser text area (assets/web/text_input.js) behind the App: init_text_input hands
// the App's UiState to the page's hooks and turns the DOM composer on; sync_text_input, once per drawn
// frame, lays the text area over UiState::composer_box and passes on text the tools replaced.
#pragma once
#ifdef __EMSCRIPTEN__
#include "app.hpp"

namespace parley::web {

void init_text_input(App& app);
// After the frame's draw; display_width is ImGui's DisplaySize.x (the canvas's width in app units).
void sync_text_input(UiState& ui, float display_width);

}  // namespace parley::web
#endif
