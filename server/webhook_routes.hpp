// The generic inbound webhook channel: POST /hooks/v1/:channel, signed with the channel's secret.
// A signed message finds its user's open session on the channel (webhook_chats) or starts one, then
// goes to the desk as message.send from the client. Thread-safe.
#pragma once
#include "app.hpp"

namespace parley::server {

// `keep_alive` is captured by the route's handler, so it lives exactly as long as App::http.
void register_webhook_routes(App& app, std::shared_ptr<void> keep_alive = nullptr);

}  // namespace parley::server
