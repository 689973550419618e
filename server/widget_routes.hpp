// The web chat widget, customer side: its static files under /widget/ and its public endpoints under
// /widget/v1/ (CORS-enabled, like a visitor's attachment downloads). Visitors hold a 256-bit bearer token, stored
// only as its SHA-256 in widget_visitors. Every desk change goes through Desk::submit.
#pragma once
#include <optional>
#include <string>

#include "app.hpp"
#include "webhook_common.hpp"

namespace parley::server {

// The assets folder (the one holding widget/): $PARLEY_ASSETS if set; else `assets/` beside the
// executable (an installed layout); else the source tree's assets/ compiled in as
// PARLEY_DEFAULT_ASSETS_DIR. Empty if none of them has a widget/ folder.
std::string widget_assets_dir();
// Serves <assets>/widget at /widget/ (widget.js, demo.html). False if there is nothing to serve.
bool mount_widget_assets(App& app);
void register_widget_routes(App& app);
// The widget's CORS rule for a request from a page, for `channel` (nullptr: any widget channel): sets
// the allow headers, or answers 403 origin_refused (503 if the channels cannot be read) and returns false.
bool widget_cors(App& app, const httplib::Request& req, httplib::Response& res, const ChannelRecord* channel);
// Answers a CORS preflight (204 with the allowed methods and headers) by that rule.
void widget_preflight(App& app, const httplib::Request& req, httplib::Response& res, const ChannelRecord* channel);

// A request by a widget visitor: their token's hash, their record and channel, the peer address.
struct VisitorCall {
  std::string token_hash;
  WidgetVisitor visitor;
  ChannelRecord channel;
  std::string address;  // the request's peer address
  CustomerSource source() const { return CustomerSource{visitor.visitor, visitor.visitor, address}; }
};
// The visitor behind the bearer token, after the CORS check; or answers 401/403 (503) itself.
std::optional<VisitorCall> require_visitor(App& app, const httplib::Request& req, httplib::Response& res);

// widget_config_routes.cpp: GET /widget/v1/:channel/config and POST /widget/v1/attachments.
void register_widget_config_routes(App& app);
// A waiting chat's {"position","waiting","estimated_wait_ms"} (core/queue_wait), or null when it is
// not waiting.
Json widget_queue_json(const State& state, const std::string& chat, Timestamp now);

}  // namespace parley::server
