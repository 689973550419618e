// Customer-side channels: the widget's public endpoints and the webhook channel (to come).
#include "http_util.hpp"

namespace parley::server {

void register_channel_routes(App&) {}

}  // namespace parley::server
