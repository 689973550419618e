// Customer-side channels: the web chat widget (static files at /widget/, public API at /widget/v1/,
// widget_routes.cpp), the inbound webhook channel (/hooks/v1/:channel, webhook_routes.cpp) and the
// outbound delivery worker for webhook channels (outbound_worker.cpp).
#include "outbound_worker.hpp"
#include "webhook_routes.hpp"
#include "widget_routes.hpp"

namespace parley::server {

void register_channel_routes(App& app) {
  mount_widget_assets(app);
  register_widget_routes(app);
  // The worker is owned by the webhook route's handler, so it is destroyed with App::http: App declares
  // http after hub, store and desk, so they all still exist while the worker's threads are joined
  // (~App has already stopped the desk, whose submit() then returns at once).
  register_webhook_routes(app, std::make_shared<OutboundWorker>(app));
}

}  // namespace parley::server
