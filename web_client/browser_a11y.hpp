// Keeps the page's accessible mirror and live region (assets/web/a11y.js) in step with the App:
// pushes the mirror only when its content changed, and the frame's announcements. Emscripten only.
#pragma once
#ifdef __EMSCRIPTEN__
#include "app.hpp"

namespace parley::web {

// Called once per frame after the App's draw; a mirrored session button activated in the page
// opens that session.
void sync_a11y(App& app);

}  // namespace parley::web
#endif
