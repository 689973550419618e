// Outbound delivery: which events go out (lane_of) and the signed POST → message.status (handle).
#include "outbound_worker.hpp"

#include <cstdio>

#include "http_util.hpp"
#include "webhook_common.hpp"

namespace parley::server {

namespace {

constexpr time_t kConnectTimeoutS = 2, kIoTimeoutS = 5;

bool split_url(const std::string& url, std::string& base, std::string& path) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const std::string scheme = lowercase(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return false;
  const auto slash = url.find('/', scheme_end + 3);
  base = url.substr(0, slash);
  path = slash == std::string::npos ? "/" : url.substr(slash);
  return base.size() > scheme_end + 3;
}

void log_failure(const std::string& chat, const std::string& message, const std::string& why) {
  std::fprintf(stderr, "{\"ts\":%lld,\"level\":\"warn\",\"msg\":\"outbound delivery failed\",\"chat\":%s,"
               "\"message\":%s,\"error\":%s}\n",
               static_cast<long long>(wall_ms()), Json(chat).dump().c_str(), Json(message).dump().c_str(),
               Json(why).dump().c_str());
}

// POSTs one message; true on a 2xx answer.
bool post(const ChannelRecord& channel, const Json& payload, std::string& why) {
  std::string base, path;
  if (!split_url(channel.outbound_url, base, path)) {
    why = "the channel has no valid http(s) outbound_url";
    return false;
  }
  httplib::Client client(base);
  if (!client.is_valid()) {
    why = "cannot make a client for " + base;
    return false;
  }
  client.set_connection_timeout(kConnectTimeoutS);
  client.set_read_timeout(kIoTimeoutS);
  client.set_write_timeout(kIoTimeoutS);
  const std::string body = payload.dump();
  const std::string timestamp = std::to_string(wall_ms() / 1000);
  const httplib::Headers headers{{"X-Parley-Timestamp", timestamp},
                                 {"X-Parley-Signature", channel_signature(channel.secret, timestamp, body)},
                                 {"X-Parley-Channel", channel.id}};
  const auto result = client.Post(path, headers, body, "application/json");
  if (!result) {
    why = httplib::to_string(result.error());
    return false;
  }
  if (result->status / 100 != 2) {
    why = "the target answered " + std::to_string(result->status);
    return false;
  }
  return true;
}

}  // namespace

OutboundWorker::OutboundWorker(App& app, std::size_t lanes) : app_(app) {
  EventWorkerOptions options;
  options.name = "outbound";
  options.lanes = lanes;
  worker_ = std::make_unique<EventWorker>(options, *app_.store, app_.hub, *app_.cursors,
                                          [&app] { return app.desk->last_seq(); }, *this);
}

OutboundWorker::~OutboundWorker() { worker_.reset(); }

std::optional<std::string> OutboundWorker::lane_of(std::uint64_t, const Event& event) {
  std::string chat;
  if (const auto* sent = std::get_if<MessageSent>(&event.body); sent && sent->from.is_agent()) chat = sent->chat;
  else if (const auto* changed = std::get_if<DeliveryChanged>(&event.body); changed && changed->status == Delivery::sending)
    chat = changed->chat;
  // A mapping that cannot be read now is looked at again by handle().
  if (chat.empty() || app_.webhooks->chat(chat).not_found()) return std::nullopt;
  return chat;
}

bool OutboundWorker::handle(std::uint64_t, const Event& event) {
  const auto* sent = std::get_if<MessageSent>(&event.body);
  const auto* changed = std::get_if<DeliveryChanged>(&event.body);
  const std::string chat_id = sent ? sent->chat : changed ? changed->chat : std::string();
  const std::string message = sent ? sent->message : changed ? changed->message : std::string();
  // Only a message still waiting to go out: one handled again (a resend, a restart) finds it delivered.
  std::optional<std::string> text = app_.desk->read([&](const State& state, Timestamp) -> std::optional<std::string> {
    const Chat* chat = state.find_chat(chat_id);
    if (!chat) return std::nullopt;
    const auto found = chat->message_index.find(message);
    if (found == chat->message_index.end()) return std::nullopt;
    const Message& m = chat->messages[found->second];
    if (!m.from.is_agent() || m.delivery != Delivery::sending) return std::nullopt;
    return m.text;
  });
  if (!text) return true;
  const auto mapping = app_.webhooks->chat(chat_id);
  if (mapping.failed()) return false;
  if (!mapping.ok()) return true;
  const auto channel = app_.channels->find(mapping->channel);
  std::string why;
  bool delivered = false;
  if (!channel.ok() || channel->kind != "webhook") why = "the channel " + mapping->channel + " is no webhook channel";
  else
    delivered = post(*channel, Json{{"chat", chat_id}, {"user", mapping->user}, {"message", message}, {"text", *text}},
                     why);
  if (!delivered) log_failure(chat_id, message, why);
  const Reply reply =
      app_.desk->submit(SetDelivery{chat_id, message, delivered ? Delivery::delivered : Delivery::error});
  if (reply.error) log_failure(chat_id, message, "the desk refused the status: " + reply.error->message);
  return !reply.storage_failed;
}

}  // namespace parley::server
