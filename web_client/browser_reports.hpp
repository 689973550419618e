// The browser side of the Reports screen (Emscripten only): fetching a report, saving a CSV through a
// Blob download, and keeping the page's accessible copy of the report tables (assets/web/a11y.js).
#pragma once
#ifdef __EMSCRIPTEN__
#include "app.hpp"

namespace parley::web {

// Called once per frame after the App's draw: pushes the report tables to the page when they changed.
void sync_report_mirror(App& app);

}  // namespace parley::web
#endif
