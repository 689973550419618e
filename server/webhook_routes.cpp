// POST /hooks/v1/:channel
//   headers: X-Parley-Timestamp: <unix seconds>
//            X-Parley-Signature: hex(HMAC-SHA256(channel secret, timestamp + "." + raw body))
//   body:    {"user","name","text","message_id"}   (user, message_id: string or integer; name, message_id optional)
//   → 202 {"chat"}
// 401 (nothing stored) for a missing or wrong signature, a timestamp more than 300 s from the server's
// wall clock, or a signature seen before (a replay). A seen signature is let through when the request
// has a message_id that is not stored: the signature is remembered apart from the message, so a retry
// after a crash between the two must still store it. A request that fails with a 5xx forgets its
// signature so the sender may retry it as is. 400 for a message_id that is not a string or integer.
#include "webhook_routes.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <mutex>

#include "http_util.hpp"
#include "webhook_common.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kMaxUserBytes = 128;
constexpr std::size_t kMaxNameBytes = 80;
constexpr std::size_t kMaxMessageIdBytes = 128;
constexpr std::size_t kRecentSessions = 10;  // a user's sessions searched for an open one or a retry

// Finding or starting a user's session is serialised, so two messages at once start one session.
std::mutex session_mutex;

// The timestamp and signature check; answers 401 itself.
bool verify(const ChannelRecord& channel, const Request& req, Response& res, std::string& signature) {
  const std::string timestamp = req.get_header_value("X-Parley-Timestamp");
  signature = lowercase(req.get_header_value("X-Parley-Signature"));
  if (timestamp.empty() || signature.empty()) {
    send_error(res, ServerError::unauthorized, "X-Parley-Timestamp and X-Parley-Signature are required");
    return false;
  }
  if (timestamp.size() > 12 || !std::all_of(timestamp.begin(), timestamp.end(), ::isdigit) ||
      std::llabs(std::stoll(timestamp) - wall_ms() / 1000) > kSignatureWindowSeconds) {
    send_error(res, ServerError::unauthorized, "the timestamp is more than 300 s from the server's clock");
    return false;
  }
  if (channel.secret.empty() ||
      !equal_constant_time(channel_signature(channel.secret, timestamp, req.body), signature)) {
    send_error(res, ServerError::unauthorized, "the signature does not match");
    return false;
  }
  return true;
}

std::string user_field(const Json& body) {
  const auto it = body.find("user");
  if (it == body.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return it->dump();
  return {};
}

// The sender's message id: a string, or an integer written in decimal; nullopt after a 400.
std::optional<std::string> message_id_field(const Json& body, Response& res) {
  const auto it = body.find("message_id");
  if (it != body.end() && it->is_number_integer()) return it->dump();
  return idempotency_key(body, "message_id", kMaxMessageIdBytes, res);
}

// Whether one of the user's recent sessions holds their message `message_id` (nullopt: the store failed).
std::optional<bool> message_stored(App& app, const std::string& channel, const std::string& user,
                                   const std::string& message_id) {
  const auto chats = app.webhooks->recent_chats(channel, user, kRecentSessions);
  if (!chats.ok()) return std::nullopt;
  for (const WebhookChat& c : *chats) {
    const bool found = app.desk->read([&](const State& state, Timestamp) {
      const Chat* chat = state.find_chat(c.chat);
      return chat && chat->message_index.count(message_id) > 0;
    });
    if (found) return true;
  }
  return false;
}

// The user's open session on the channel, or a new one. nullopt when it answered an error.
std::optional<std::string> session_for(App& app, const ChannelRecord& channel, const std::string& user,
                                       const std::string& name, const std::string& message_id,
                                       const std::string& text, bool& already_sent, Response& res) {
  std::lock_guard lock(session_mutex);
  already_sent = false;
  // The newest open session (an agent may have reopened an earlier one); a retried message may sit in
  // an earlier, closed session, so the user's recent sessions are all looked at.
  const auto chats = app.webhooks->recent_chats(channel.id, user, kRecentSessions);
  if (!chats.ok()) {
    send_store_failure(res, "the user's sessions could not be read", chats);
    return std::nullopt;
  }
  std::optional<std::string> open;
  for (const WebhookChat& c : *chats) {
    const auto use = client_chat_use(app, c.chat, message_id, text);
    if (use == ClientChatUse::already_sent) {
      already_sent = true;
      return c.chat;
    }
    if (use == ClientChatUse::open && !open) open = c.chat;
  }
  if (open) return open;  // the core dedupes a retry within it
  const CustomerSource source{user, "", ""};
  if (const auto refusal = refused_message(app, channel, name.empty() ? user : name, text, source)) {
    send_refusal(res, *refusal);
    return std::nullopt;
  }
  // The mapping first: if the start then fails, the mapping names no chat and the next message starts one.
  const std::string chat = "h-" + random_hex(8);
  if (const auto added = app.webhooks->add_chat(WebhookChat{chat, channel.id, user}, wall_ms()); !added.ok()) {
    send_store_failure(res, "the session could not be stored", added);
    return std::nullopt;
  }
  if (!reply_ok(start_client_chat(app, channel, chat, name.empty() ? user : name, source), res)) return std::nullopt;
  return chat;
}

void receive(App& app, const Request& req, Response& res) {
  const std::string id = req.path_params.at("channel");
  const auto channel = app.channels->find(id);
  if (channel.failed()) return send_store_failure(res, "the channel could not be read", channel);
  if (!channel.ok() || channel->kind != "webhook")
    return send_error(res, ServerError::unknown_channel, "no webhook channel " + id);
  if (!channel_accepts(*channel, res)) return;
  std::string signature;
  if (!verify(*channel, req, res, signature)) return;
  const auto body = read_json_body(req, res);
  if (!body) return;
  const std::string user = user_field(*body);
  const std::string name = string_field(*body, "name");
  const std::string text = string_field(*body, "text");
  const auto key = message_id_field(*body, res);
  if (!key) return;
  const std::string& message_id = *key;
  if (user.empty() || user.size() > kMaxUserBytes)
    return send_error(res, ServerError::bad_command, "user must be a string or integer of 1–128 bytes");
  if (name.size() > kMaxNameBytes) return send_error(res, ServerError::bad_command, "name is longer than 80 bytes");
  if (text.empty()) return send_error(res, ServerError::bad_command, "text is required");
  // The replay guard. The signature is remembered apart from the message, so a crash in between leaves
  // it remembered with nothing stored: a seen signature passes only when its message_id is not stored.
  const auto remembered = app.webhooks->remember_signature(signature, wall_ms());
  if (remembered.failed()) return send_store_failure(res, "the signature could not be stored", remembered);
  if (remembered.conflict()) {
    const auto stored = message_id.empty() ? std::optional(true) : message_stored(app, channel->id, user, message_id);
    if (!stored) return send_store_failure(res, "the user's sessions could not be read", std::string());
    if (*stored) return send_error(res, ServerError::unauthorized, "this signature was already used");
  }
  // Twice at most: the session may close between choosing it and writing into it.
  for (int attempt = 0;; ++attempt) {
    bool already_sent = false;
    const auto chat = session_for(app, *channel, user, name, message_id, text, already_sent, res);
    if (chat && already_sent) return send_json(res, 202, Json{{"chat", *chat}});
    if (chat) {
      const Reply reply = send_client_message(app, *chat, text, message_id, CustomerSource{user, "", ""});
      if (attempt == 0 && reply.error && reply.error->code == ErrorCode::bad_state) continue;
      if (reply_ok(reply, res)) return send_json(res, 202, Json{{"chat", *chat}});
    }
    if (res.status >= 500) app.webhooks->forget_signature(signature);
    return;
  }
}

}  // namespace

void register_webhook_routes(App& app, std::shared_ptr<void> keep_alive) {
  app.http->Post("/hooks/v1/:channel", [&app, keep = std::move(keep_alive)](const Request& req, Response& res) {
    (void)keep;
    receive(app, req, res);
  });
}

}  // namespace parley::server
