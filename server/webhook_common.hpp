// Helpers shared by the customer-side channel files (widget_routes, webhook_routes, outbound_worker):
// random ids, SHA-256 token hashes and HMAC-SHA256 signatures (OpenSSL), starting a client session on a
// channel, and the customer-facing view of a chat. Stateless; thread-safe.
#pragma once
#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

#include "app.hpp"
#include "customer_view.hpp"

namespace parley::server {

// Webhook signatures: hex(HMAC-SHA256(secret, timestamp + "." + body)), both directions.
constexpr std::int64_t kSignatureWindowSeconds = 300;

std::string random_hex(std::size_t bytes);  // libsodium randombytes
std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
std::string channel_signature(std::string_view secret, std::string_view timestamp, std::string_view body);
// Compares two strings in time that depends only on their lengths.
bool equal_constant_time(std::string_view a, std::string_view b);
std::string lowercase(std::string text);

// A disabled channel refuses new customer messages: answers 403 channel_disabled and returns false.
bool channel_accepts(const ChannelRecord& channel, httplib::Response& res);

// What a channel knows of the customer, for the blocklist: their id on the channel, the widget
// visitor, the network address of the request.
struct CustomerSource {
  std::string customer, visitor, address;
};

// chat.start by the client on `channel`: the channel record's name in separators, its group. A
// blocklist refusal comes back as the reply's error (403 blocked, saying so).
Reply start_client_chat(App& app, const ChannelRecord& channel, const std::string& chat, const std::string& client,
                        const CustomerSource& source);
// The blocklist's refusal of a customer's first message on `channel`, asked before a session is
// started for it (so a refused message leaves no empty session behind); nullopt when it may go on.
std::optional<Error> refused_message(App& app, const ChannelRecord& channel, const std::string& client,
                                     const std::string& text, const CustomerSource& source);
// message.send by the client, carrying `source` for the blocklist (and files already resolved).
Reply send_client_message(App& app, const std::string& chat, const std::string& text, const std::string& message_id,
                          const CustomerSource& source, std::vector<Attachment> attachments = {});

// How a chat looks to the customer writing into it.
enum class ClientChatUse {
  open,           // queued, open or paused: write into it
  already_sent,   // closed (or gone), but it already holds this client message (a retry): nothing to do
  closed,         // closed or unknown: a new session must start
};
ClientChatUse client_chat_use(App& app, const std::string& chat, const std::string& message_id,
                              const std::string& text);

// A timeline message as the customer sees it (core/customer_view): {"n","id","from":"client|agent|bot|process",
// "name"?,"text","attachments"?:[{"id","name","type","size","url"}],"at","delivery"?}. A url takes the
// visitor's token (?access_token=).
Json client_message_json(const CustomerMessage& message);
Json client_message_json(const State& state, const Chat& chat, MessageIx message);

}  // namespace parley::server
