// The reading view's and links' browser side (assets/web/reader.js): lays the page-text view over
// UiState::reader_box while it is open, refills it when the session changes, and opens links the
// canvas asked for in a new tab. Emscripten only.
#pragma once
#ifdef __EMSCRIPTEN__
#include "app.hpp"

namespace parley::web {

// After the frame's draw; display_width as for sync_text_input.
void sync_reader(App& app, float display_width);

}  // namespace parley::web
#endif
