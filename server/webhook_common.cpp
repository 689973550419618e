// Channel helpers: OpenSSL digests and HMAC, libsodium randomness, session start, customer views.
#include "webhook_common.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "decide.hpp"
#include "http_util.hpp"

namespace parley::server {

namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static const char* digits = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = digits[data[i] >> 4];
    out[2 * i + 1] = digits[data[i] & 15];
  }
  return out;
}

}  // namespace

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return to_hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) return {};
  return to_hex(digest, size);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
            data.size(), digest, &size))
    return {};
  return to_hex(digest, size);
}

std::string channel_signature(std::string_view secret, std::string_view timestamp, std::string_view body) {
  std::string signed_text;
  signed_text.reserve(timestamp.size() + 1 + body.size());
  signed_text.append(timestamp).append(".").append(body);
  return hmac_sha256_hex(secret, signed_text);
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool channel_accepts(const ChannelRecord& channel, httplib::Response& res) {
  if (!channel.disabled) return true;
  send_error(res, ServerError::channel_disabled, "channel " + channel.id + " takes no messages at the moment");
  return false;
}

Reply start_client_chat(App& app, const ChannelRecord& channel, const std::string& chat, const std::string& client,
                        const CustomerSource& source) {
  StartChat start{chat, channel.group, channel.name.empty() ? channel.id : channel.name, client,
                  Actor{ActorKind::client, ""}};
  start.customer = source.customer;
  start.visitor = source.visitor;
  start.address = source.address;
  return app.desk->submit(std::move(start));
}

std::optional<Error> refused_message(App& app, const ChannelRecord& channel, const std::string& client,
                                     const std::string& text, const CustomerSource& source) {
  return app.desk->read([&](const State& state, Timestamp) -> std::optional<Error> {
    const std::string& name = channel.name.empty() ? channel.id : channel.name;
    const CustomerOrigin origin{name, source.customer.empty() ? client : source.customer, source.visitor,
                                source.address, text};
    const BlockRule* rule = blocking_rule(state, origin);
    if (!rule || rule->action != BlockAction::refuse) return std::nullopt;
    return blocked_by(*rule);
  });
}

Reply send_client_message(App& app, const std::string& chat, const std::string& text, const std::string& message_id,
                          const CustomerSource& source, std::vector<Attachment> attachments) {
  SendMessage send{chat, Actor{ActorKind::client, ""}, text, message_id};
  send.attachments = std::move(attachments);
  send.customer = source.customer;
  send.visitor = source.visitor;
  send.address = source.address;
  return app.desk->submit(std::move(send));
}

ClientChatUse client_chat_use(App& app, const std::string& chat_id, const std::string& message_id,
                              const std::string& text) {
  return app.desk->read([&](const State& state, Timestamp) {
    const Chat* chat = state.find_chat(chat_id);
    if (chat && chat->state != ChatState::closed) return ClientChatUse::open;
    if (chat && !message_id.empty()) {
      const auto found = chat->message_index.find(message_id);
      if (found != chat->message_index.end()) {
        const Message& m = chat->messages[found->second];
        if (m.from.kind == ActorKind::client && m.text == text) return ClientChatUse::already_sent;
      }
    }
    return ClientChatUse::closed;
  });
}

namespace {
const char* speaker_name(CustomerSpeaker from) {
  switch (from) {
    case CustomerSpeaker::client: return "client";
    case CustomerSpeaker::agent: return "agent";
    case CustomerSpeaker::bot: return "bot";
    case CustomerSpeaker::process: break;
  }
  return "process";
}
}  // namespace

Json client_message_json(const CustomerMessage& m) {
  Json out{{"n", m.n}, {"id", m.id}, {"from", speaker_name(m.from)}};
  if (m.from == CustomerSpeaker::agent || m.from == CustomerSpeaker::bot) out["name"] = m.name;
  out["text"] = m.text;
  if (!m.attachments.empty()) {
    Json files = Json::array();
    for (const Attachment& a : m.attachments)
      files.push_back(Json{{"id", a.id}, {"name", a.name}, {"type", a.type}, {"size", a.size},
                           {"url", "/api/v1/attachments/" + a.id}});
    out["attachments"] = std::move(files);
  }
  out["at"] = format_rfc3339(m.at);
  if (m.delivery != Delivery::none) out["delivery"] = delivery_name(m.delivery);
  return out;
}

Json client_message_json(const State& state, const Chat& chat, MessageIx message) {
  return client_message_json(customer_message(state, chat, message));
}

}  // namespace parley::server
