// The web chat widget, customer side: its static files under /widget/ and its public endpoints under
// /widget/v1/ (the only CORS-enabled routes of the server). Visitors hold a 256-bit bearer token, stored
// only as its SHA-256 in widget_visitors. Every desk change goes through Desk::submit.
#pragma once
#include <string>

#include "app.hpp"

namespace parley::server {

// The assets folder (the one holding widget/): $PARLEY_ASSETS if set; else `assets/` beside the
// executable (an installed layout); else the source tree's assets/ compiled in as
// PARLEY_DEFAULT_ASSETS_DIR. Empty if none of them has a widget/ folder.
std::string widget_assets_dir();
// Serves <assets>/widget at /widget/ (widget.js, demo.html). False if there is nothing to serve.
bool mount_widget_assets(App& app);
void register_widget_routes(App& app);

}  // namespace parley::server
