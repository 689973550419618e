// Sessions an agent starts (SPEC §6 `started_by_agent`): with a customer reachable on a channel that
// delivers (core channel_delivers), or by continuing a closed session; the first message goes with the
// start (one command, so a started session never stands empty) and out through the channel.
//   GET  /api/v1/channels/startable                                  → 200 {"channels":[{"id","name","kind","group"}]}
//   POST /api/v1/chats {"channel","user","name"?,"group"?,"text"}     → 201 {"chat","events"}
//   POST /api/v1/chats/{id}/continue {"text"}                        → 201 {"chat","events"}
#include "actions.hpp"
#include "auth.hpp"
#include "http_util.hpp"
#include "webhook_common.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kMaxUserBytes = 256;

bool delivers(const ChannelRecord& channel) {
  return !channel.disabled && channel_delivers(channel.kind, !channel.outbound_url.empty());
}

std::string channel_name(const ChannelRecord& channel) { return channel.name.empty() ? channel.id : channel.name; }

// The agent the caller acts as; answers 400 for a login without one.
std::optional<std::string> starting_agent(const Principal& p, Response& res) {
  if (!p.agent.empty()) return p.agent;
  send_error(res, ServerError::bad_command, "only a login bound to an agent starts sessions");
  return std::nullopt;
}

std::optional<std::string> first_message(const Json& body, Response& res) {
  const auto text = optional_string(body, "text", kMaxStringBytes, res);
  if (!text) return std::nullopt;
  if (text->empty()) {
    send_error(res, ServerError::bad_command, "field 'text' (the first message) is required");
    return std::nullopt;
  }
  return text;
}

// Maps a webhook session to its user first, as inbound messages do, so the outbound worker finds where
// the first message goes; then starts it with that message.
void start(App& app, const ChannelRecord& channel, const std::string& user, StartChat command, Response& res) {
  if (channel.kind == "webhook")
    if (const auto added = app.webhooks->add_chat(WebhookChat{command.chat, channel.id, user}, wall_ms()); !added.ok())
      return send_store_failure(res, "the session could not be stored", added);
  const std::string chat = command.chat;
  const Reply reply = app.desk->submit(std::move(command));
  if (!reply_ok(reply, res)) return;
  send_json(res, 201, Json{{"chat", chat}, {"events", reply.events}});
}

StartChat start_command(const ChannelRecord& channel, const std::string& group, const std::string& client,
                        const std::string& customer, const std::string& agent, const std::string& text) {
  StartChat command{(channel.kind == "webhook" ? "h-" : "i-") + random_hex(8), group, channel_name(channel), client,
                    Actor{ActorKind::agent, agent}};
  command.channel_kind = channel.kind == "internal" ? ChannelKind::internal : ChannelKind::external;
  command.customer = customer;
  command.text = text;
  return command;
}

void start_new(App& app, const Request& req, Response& res) {
  const auto p = require_auth(app, req, res);
  if (!p) return;
  const auto body = read_json_body(req, res);
  if (!body) return;
  const auto agent = starting_agent(*p, res);
  if (!agent) return;
  const auto id = optional_string(*body, "channel", kMaxUserBytes, res);
  if (!id) return;
  const auto user = optional_string(*body, "user", kMaxUserBytes, res);
  if (!user) return;
  const auto name = optional_string(*body, "name", kMaxUserBytes, res);
  if (!name) return;
  const auto group = optional_string(*body, "group", kMaxUserBytes, res);
  if (!group) return;
  const auto text = first_message(*body, res);
  if (!text) return;
  if (id->empty() || user->empty())
    return send_error(res, ServerError::bad_command, "fields 'channel' and 'user' (the customer's id on it) are required");
  const auto channel = app.channels->find(*id);
  if (channel.failed()) return send_store_failure(res, "the channel could not be read", channel);
  if (!channel.ok()) return send_error(res, ServerError::unknown_channel, "no channel " + *id);
  if (!delivers(*channel))
    return send_error(res, ServerError::bad_state,
                      "channel " + *id + " cannot deliver a first message (only messenger and internal channels reach a customer)");
  const std::string in_group = group->empty() ? channel->group : *group;
  if (in_group.empty()) return send_error(res, ServerError::bad_command, "channel " + *id + " has no group: say which");
  start(app, *channel, *user,
        start_command(*channel, in_group, name->empty() ? *user : *name, *user, *agent, *text), res);
}

// The channel record a closed session's customer is reached through, and their id on it.
struct Reach {
  ChannelRecord channel;
  std::string user;
};

std::optional<Reach> reach_of(App& app, const std::string& chat, const std::string& channel_name_seen,
                              const std::string& customer, Response& res) {
  const auto mapped = app.webhooks->chat(chat);
  if (mapped.failed()) {
    send_store_failure(res, "the session's channel could not be read", mapped);
    return std::nullopt;
  }
  if (mapped.ok()) {
    const auto channel = app.channels->find(mapped->channel);
    if (channel.failed()) {
      send_store_failure(res, "the channel could not be read", channel);
      return std::nullopt;
    }
    if (channel.ok()) return Reach{*channel, mapped->user};
  } else {
    const auto channels = app.channels->list();
    if (channels.failed()) {
      send_store_failure(res, "the channels could not be read", channels);
      return std::nullopt;
    }
    for (const ChannelRecord& c : *channels)
      if (c.kind == "internal" && channel_name(c) == channel_name_seen) return Reach{c, customer};
  }
  send_error(res, ServerError::bad_state, "this session's customer cannot be reached on its channel");
  return std::nullopt;
}

void continue_chat(App& app, const Request& req, Response& res) {
  const auto p = require_auth(app, req, res);
  if (!p) return;
  const auto body = read_json_body(req, res);
  if (!body) return;
  const auto agent = starting_agent(*p, res);
  if (!agent) return;
  const auto text = first_message(*body, res);
  if (!text) return;
  const std::string id = req.path_params.at("id");
  struct Closed {
    std::string channel, client, customer, group;
  };
  std::optional<Closed> closed;
  answer_readable_chat(app, *p, id, res, [&](const State& state, const Login&, const Chat& chat) {
    if (chat.state != ChatState::closed)
      return send_error(res, ServerError::bad_state, "chat " + id + " is not closed: work it where it is");
    if (chat.content_erased || chat.customer.empty())
      return send_error(res, ServerError::bad_state, "chat " + id + " was erased");
    closed = Closed{chat.channel, chat.client, chat.customer, state.groups[chat.group].id};
  });
  if (!closed) return;
  const auto reach = reach_of(app, id, closed->channel, closed->customer, res);
  if (!reach) return;
  if (!delivers(reach->channel))
    return send_error(res, ServerError::bad_state, "channel " + reach->channel.id + " cannot deliver a message now");
  StartChat command = start_command(reach->channel, closed->group, closed->client, reach->user, *agent, *text);
  command.channel = closed->channel;
  start(app, reach->channel, reach->user, std::move(command), res);
}

}  // namespace

void register_start_routes(App& app) {
  auto& http = *app.http;
  http.Get("/api/v1/channels/startable", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto channels = app.channels->list();
    if (channels.failed()) return send_store_failure(res, "the channels could not be read", channels);
    Json out = Json::array();
    for (const ChannelRecord& c : *channels)
      if (delivers(c))
        out.push_back(Json{{"id", c.id}, {"name", channel_name(c)}, {"kind", c.kind}, {"group", c.group}});
    send_json(res, 200, Json{{"channels", std::move(out)}});
  });
  http.Post("/api/v1/chats", [&app](const Request& req, Response& res) { start_new(app, req, res); });
  http.Post("/api/v1/chats/:id/continue", [&app](const Request& req, Response& res) { continue_chat(app, req, res); });
}

}  // namespace parley::server
