// Widget endpoints. CORS: a request with an Origin header is served only when that origin is in the
// channel's "origins" list ("*" allows any), or is the server's own origin (the page came from here);
// otherwise 403. Allowed answers carry Access-Control-Allow-Origin: <that origin> and Vary: Origin.
// Preflights of token routes (which name no channel) pass when any widget channel allows the origin;
// the real request is then checked against the token's channel.
//
//   POST /widget/v1/:channel/sessions  {"name","fields"?,"message"?} → 201 {"token","chat","visitor"}
//     (a blocklist refusal of the visitor, their address or message: 403 {"error":"blocked","message"};
//     "fields": pre-chat answers by field id, checked against the channel's form (400 naming what is
//     wrong); answers other than the name become the session's first client message, "message" the next)
//   POST /widget/v1/messages            {"text","client_msg_id","attachments"?:[id]} → 200 {"chat","message"}
//     (attachments: files the visitor uploaded into this chat with POST /widget/v1/attachments)
//   GET  /widget/v1/messages?after=N    → 200 {"chat","state","agent","queue","count","messages"}
//     ("queue": {"position","waiting","estimated_wait_ms"} while the chat waits, else null)
//   GET  /widget/v1/stream  (SSE; token also as ?access_token=)  → events message | delivery | chat | queue
//     (queue: {"chat","queue"} when the place or estimate changed, without an id; chat carries "queue" too)
//   GET  /widget/v1/:channel/config, POST /widget/v1/attachments: see widget_config_routes.cpp
// The token is read from the Authorization header; only the stream also takes it as ?access_token=.
//   GET  /widget/v1/history                                     → 200 {"chat","sessions":[{"chat","number","state","started_at","messages"}]}
//     (the visitor's own earlier sessions, oldest first, as they saw them)
//   POST /widget/v1/read                {"message"}              → 200 {"chat","message","delivery":"read"}
//   POST /widget/v1/typing              {"typing":bool}          → 200 {"chat","typing"} (never stored; 429 if too often)
#include "widget_routes.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "attachment_routes.hpp"
#include "contacts.hpp"
#include "event_keys.hpp"
#include "presence_signals.hpp"
#include "http_util.hpp"
#include "webhook_common.hpp"
#include "widget_look_wire.hpp"

#ifndef PARLEY_DEFAULT_ASSETS_DIR
#define PARLEY_DEFAULT_ASSETS_DIR ""
#endif

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kMaxNameBytes = 80;
constexpr std::size_t kMaxMessageIdBytes = 128;
constexpr std::size_t kMaxTokenBytes = 128;
constexpr int kStreamWaitMs = 5000;  // also how often a stream re-checks the visitor's chat and group
constexpr std::uint64_t kMaxResume = 5000;

// Starting a replacement session for a visitor whose session closed happens under this lock, so two
// messages sent at once start one session, not two.
std::mutex restart_mutex;

// [SECTION] CORS

std::string normalize_origin(std::string origin) {
  origin = lowercase(std::move(origin));
  while (!origin.empty() && origin.back() == '/') origin.pop_back();
  return origin;
}

bool same_origin(const Request& req, const std::string& origin) {
  const std::string host = lowercase(req.get_header_value("Host"));
  return !host.empty() && (origin == "http://" + host || origin == "https://" + host);
}

bool channel_allows(const ChannelRecord& channel, const std::string& origin) {
  if (channel.kind != "widget") return false;
  for (const std::string& allowed : channel.origins) {
    const std::string entry = normalize_origin(allowed);
    if (entry == "*" || entry == origin) return true;
  }
  return false;
}

}  // namespace

bool widget_cors(App& app, const Request& req, Response& res, const ChannelRecord* channel) {
  res.set_header("Vary", "Origin");
  if (!req.has_header("Origin")) return true;  // not a cross-origin browser request
  const std::string origin = normalize_origin(req.get_header_value("Origin"));
  bool allowed = same_origin(req, origin);
  if (!allowed && channel) allowed = channel_allows(*channel, origin);
  if (!allowed && !channel) {
    const auto channels = app.channels->list();
    if (!channels.ok()) {
      send_store_failure(res, "the channels could not be read", channels);
      return false;
    }
    for (const ChannelRecord& c : *channels)
      if ((allowed = channel_allows(c, origin))) break;
  }
  if (!allowed) {
    send_error(res, ServerError::origin_refused, "this page's origin may not use the chat widget");
    return false;
  }
  res.set_header("Access-Control-Allow-Origin", req.get_header_value("Origin"));
  return true;
}

void widget_preflight(App& app, const Request& req, Response& res, const ChannelRecord* channel) {
  if (!widget_cors(app, req, res, channel)) return;
  res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID");
  res.set_header("Access-Control-Max-Age", "600");
  res.status = 204;
}

// [SECTION] Visitors

std::optional<VisitorCall> require_visitor(App& app, const Request& req, Response& res) {
  const std::string token = request_token(req);
  VisitorCall call;
  auto visitor = Stored<WidgetVisitor>::refused(StoreStatus::not_found);
  auto channel = Stored<ChannelRecord>::refused(StoreStatus::not_found);
  if (!token.empty() && token.size() <= kMaxTokenBytes) {
    call.token_hash = sha256_hex(token);
    visitor = app.visitors->find(call.token_hash);
    if (visitor.ok()) channel = app.channels->find(visitor->channel);
  }
  if (visitor.failed() || channel.failed()) {
    send_store_failure(res, "the visitor could not be read", visitor.failed() ? visitor.error : channel.error);
    return std::nullopt;
  }
  if (!channel.ok() || channel->kind != "widget") {
    if (widget_cors(app, req, res, nullptr)) send_error(res, ServerError::unauthorized, "a valid visitor token is required");
    return std::nullopt;
  }
  if (!widget_cors(app, req, res, &*channel)) return std::nullopt;
  call.visitor = std::move(*visitor);
  call.channel = std::move(*channel);
  call.address = req.remote_addr;
  return call;
}

namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The chat a visitor's message goes into: the current session, or a new one when it closed.
// nullopt when it answered an error; `already_sent` when the message is a retry already stored.
std::optional<std::string> writable_chat(App& app, VisitorCall& call, const std::string& message_id,
                                         const std::string& text, bool& already_sent, Response& res) {
  already_sent = false;
  auto use = client_chat_use(app, call.visitor.chat, message_id, text);
  if (use == ClientChatUse::open) return call.visitor.chat;
  if (use == ClientChatUse::already_sent) {
    already_sent = true;
    return call.visitor.chat;
  }
  std::lock_guard lock(restart_mutex);
  auto fresh = app.visitors->find(call.token_hash);
  if (fresh.failed()) {
    send_store_failure(res, "the visitor could not be read", fresh);
    return std::nullopt;
  }
  if (fresh.ok()) call.visitor = std::move(*fresh);
  use = client_chat_use(app, call.visitor.chat, message_id, text);
  if (use != ClientChatUse::closed) {
    already_sent = use == ClientChatUse::already_sent;
    return call.visitor.chat;
  }
  if (const auto refusal = refused_message(app, call.channel, call.visitor.name, text, call.source())) {
    send_refusal(res, *refusal);
    return std::nullopt;
  }
  // The visitor row moves first: if the start then fails, the next message simply starts another one.
  const std::string chat = "w-" + random_hex(8);
  if (const auto moved = app.visitors->set_chat(call.visitor.visitor, chat); !moved.ok()) {
    send_store_failure(res, "the session could not be stored", moved);
    return std::nullopt;
  }
  call.visitor.chat = chat;
  if (!reply_ok(start_client_chat(app, call.channel, chat, call.visitor.name, call.source()), res)) return std::nullopt;
  return chat;
}

// Marks agent messages delivered once the visitor's widget has been sent them. Returns the ids that
// were committed as delivered (a message already read stays read).
std::vector<std::string> mark_delivered(App& app, const std::string& chat, const std::vector<std::string>& ids) {
  std::vector<std::string> done;
  for (const std::string& id : ids) {
    const Reply reply = app.desk->submit(SetDelivery{chat, id, Delivery::delivered});
    if (!reply.storage_failed && !reply.error) done.push_back(id);
  }
  return done;
}

std::size_t after_param(const Request& req) {
  if (!req.has_param("after")) return 0;
  const std::string text = req.get_param_value("after");
  if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), ::isdigit)) return 0;
  return std::stoul(text);
}

// The chat fields the widget shows besides messages.
void chat_status(const State& state, Timestamp now, const std::string& chat_id, Json& out) {
  const CustomerStatus status = customer_status(state, state.find_chat(chat_id));
  out["chat"] = chat_id;
  out["state"] = chat_state_name(status.state);
  out["agent"] = status.agent.empty() ? Json(nullptr) : Json(status.agent);
  out["queue"] = widget_queue_json(state, chat_id, now);
}

// [SECTION] Stream

std::string sse_frame(std::uint64_t seq, const char* name, const Json& data) {
  return "id: " + std::to_string(seq) + "\nevent: " + name + "\ndata: " + json_text(data) + "\n\n";
}

// One visitor's SSE stream. The EventHub delivers the events of the chat's group; this keeps only
// those whose "chat" is the visitor's current chat, re-reading the chat (a new session) and its group
// (a transfer to another group) after every wait and resubscribing from the last seq when it moved.
struct WidgetStream {
  App& app;
  std::string token_hash, chat;
  GroupIx group = kNoIndex;
  std::uint64_t last_seq = 0;
  std::shared_ptr<Subscription> subscription;
  std::vector<PublishedPtr> pending;
  bool opened = false;
  std::string last_queue = "null";  // the queue place last sent (none is sent while it never waits)

  WidgetStream(App& a, std::string hash, std::string chat_id, std::uint64_t after)
      : app(a), token_hash(std::move(hash)), chat(std::move(chat_id)), last_seq(after) {
    group = group_of(chat);
    subscribe();
  }

  GroupIx group_of(const std::string& id) const {
    return app.desk->read([&](const State& state, Timestamp) {
      const Chat* c = state.find_chat(id);
      return c ? c->group : kNoIndex;
    });
  }

  void subscribe() {
    if (subscription) app.hub.unsubscribe(subscription);
    Viewer viewer{false, kNoIndex, {}};
    if (group != kNoIndex) viewer.groups.push_back(group);
    std::uint64_t first_kept = 0;
    std::vector<PublishedPtr> backlog;
    subscription = app.hub.subscribe(viewer, last_seq, backlog, first_kept);
    subscription->take_signals_too();
    pending.insert(pending.end(), backlog.begin(), backlog.end());
  }

  void refresh() {
    if (const auto visitor = app.visitors->find(token_hash); visitor.ok()) chat = visitor->chat;
    const GroupIx now_group = group_of(chat);
    if (now_group != group) {
      group = now_group;
      subscribe();
    }
  }

  // Renders what is pending for the visitor; collects agent messages to mark delivered once written.
  std::string render(std::vector<std::string>& to_deliver) {
    std::string out;
    std::sort(pending.begin(), pending.end(),
              [](const PublishedPtr& a, const PublishedPtr& b) { return a->seq < b->seq; });
    for (const PublishedPtr& event : pending) {
      if (event->seq <= last_seq) continue;
      last_seq = event->seq;
      const EventBody& body = event->event.body;
      if (event_chat(body) != chat) continue;
      app.desk->read([&](const State& state, Timestamp now) {
        const Chat* c = state.find_chat(chat);
        if (!c) return;
        if (const auto* sent = std::get_if<MessageSent>(&body)) {
          const auto found = c->message_index.find(sent->message);
          if (found == c->message_index.end()) return;
          Json message = client_message_json(state, *c, found->second);
          message["chat"] = chat;
          if (c->messages[found->second].delivery == Delivery::sending)
            to_deliver.push_back(c->messages[found->second].id);
          out += sse_frame(event->seq, "message", message);
        } else if (const auto* delivery = std::get_if<DeliveryChanged>(&body)) {
          out += sse_frame(event->seq, "delivery",
                           Json{{"chat", chat}, {"id", delivery->message}, {"status", delivery_name(delivery->status)}});
        } else if (customer_sees(body)) {
          Json status{{"change", event->type}};
          chat_status(state, now, chat, status);
          last_queue = json_text(status["queue"]);
          out += sse_frame(event->seq, "chat", status);
        }
      });
    }
    pending.clear();
    // The place in the queue moves with other sessions' events too, and the estimate with time.
    const std::string queue = app.desk->read(
        [&](const State& state, Timestamp now) { return json_text(widget_queue_json(state, chat, now)); });
    if (queue != last_queue) {
      last_queue = queue;
      out += "event: queue\ndata: {\"chat\":" + json_text(Json(chat)) + ",\"queue\":" + queue + "}\n\n";
    }
    // The agent's typing, for this chat only; no `id:` (it is not a logged event).
    for (const SignalPtr& signal : subscription->take_signals())
      if (signal->chat == chat && !signal->customer_json.empty())
        out += "event: " + signal->customer_type + "\ndata: " + signal->customer_json + "\n\n";
    return out;
  }
};

}  // namespace

// [SECTION] Assets

std::string widget_assets_dir() {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("PARLEY_ASSETS"); env && *env) candidates.emplace_back(env);
  char exe[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) candidates.push_back(fs::path(std::string(exe, static_cast<std::size_t>(n))).parent_path() / "assets");
  if (*PARLEY_DEFAULT_ASSETS_DIR) candidates.emplace_back(PARLEY_DEFAULT_ASSETS_DIR);
  for (const fs::path& dir : candidates) {
    std::error_code ec;
    if (fs::is_directory(dir / "widget", ec)) return dir.string();
  }
  return {};
}

bool mount_widget_assets(App& app) {
  const std::string dir = widget_assets_dir();
  if (dir.empty()) {
    std::fprintf(stderr, "{\"level\":\"warn\",\"msg\":\"no assets/widget folder: /widget/ is not served "
                         "(set PARLEY_ASSETS)\"}\n");
    return false;
  }
  return app.http->set_mount_point("/widget", dir + "/widget", {{"Cache-Control", "no-cache"}});
}

// [SECTION] Routes

void register_widget_routes(App& app) {
  auto& http = *app.http;

  http.Options("/widget/v1/:channel/sessions", [&app](const Request& req, Response& res) {
    const auto channel = app.channels->find(req.path_params.at("channel"));
    widget_preflight(app, req, res, channel.ok() ? &*channel : nullptr);
  });
  http.Options("/widget/v1/:channel/config", [&app](const Request& req, Response& res) {
    const auto channel = app.channels->find(req.path_params.at("channel"));
    widget_preflight(app, req, res, channel.ok() ? &*channel : nullptr);
  });
  http.Options(R"(/widget/v1/(messages|read|stream|typing|history|attachments))", [&app](const Request& req, Response& res) {
    widget_preflight(app, req, res, nullptr);
  });

  http.Post("/widget/v1/:channel/sessions", [&app](const Request& req, Response& res) {
    const std::string id = req.path_params.at("channel");
    const auto channel = app.channels->find(id);
    if (channel.failed()) return send_store_failure(res, "the channel could not be read", channel);
    if (!channel.ok() || channel->kind != "widget") {
      if (widget_cors(app, req, res, nullptr)) send_error(res, ServerError::unknown_channel, "no widget channel " + id);
      return;
    }
    if (!widget_cors(app, req, res, &*channel) || !channel_accepts(*channel, res)) return;
    const auto body = req.body.empty() ? std::optional<Json>(Json::object()) : read_json_body(req, res);
    if (!body) return;
    PrechatAnswers answers;
    if (const auto bad = read_prechat_answers(*channel, *body, answers))
      return send_error(res, ServerError::bad_command, *bad);
    const std::string& name = answers.name;
    if (name.size() > kMaxNameBytes) return send_error(res, ServerError::bad_command, "name is longer than 80 bytes");
    const auto first = optional_string(*body, "message", kMaxStringBytes, res);
    if (!first) return;
    WidgetVisitor visitor{"v-" + random_hex(8), channel->id, name, "w-" + random_hex(8)};
    if (visitor.name.empty()) visitor.name = "Visitor " + visitor.visitor.substr(2, 4);
    const std::string token = random_hex(32);
    // The row first: if the start fails, the visitor's first message starts a session instead.
    if (const auto created = app.visitors->create(sha256_hex(token), visitor, wall_ms()); !created.ok())
      return send_store_failure(res, "the visitor could not be stored", created);
    const CustomerSource source{visitor.visitor, visitor.visitor, req.remote_addr};
    if (!reply_ok(start_client_chat(app, *channel, visitor.chat, visitor.name, source), res)) return;
    // The pre-chat answers, then the visitor's first words (the leave-a-message form's message).
    const std::pair<std::string, std::string> opening[] = {{"prechat-" + visitor.visitor, prechat_message(answers)},
                                                           {"first-" + visitor.visitor, trimmed(*first)}};
    for (const auto& [id, text] : opening)
      if (!text.empty() && !reply_ok(send_client_message(app, visitor.chat, text, id, source), res)) return;
    send_json(res, 201, Json{{"token", token}, {"chat", visitor.chat}, {"visitor", visitor.visitor}});
  });

  http.Post("/widget/v1/messages", [&app](const Request& req, Response& res) {
    auto call = require_visitor(app, req, res);
    if (!call || !channel_accepts(call->channel, res)) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const std::string text = string_field(*body, "text");
    const auto key = idempotency_key(*body, "client_msg_id", kMaxMessageIdBytes, res);
    if (!key) return;
    const std::string& message_id = *key;
    const std::vector<Attachment> files = attachment_ids(*body);
    if (trimmed(text).empty() && files.empty())
      return send_error(res, ServerError::bad_command, "text or attachments are required");
    // Twice at most: the session may close between choosing it and writing into it.
    for (int attempt = 0;; ++attempt) {
      bool already_sent = false;
      const auto chat = writable_chat(app, *call, message_id, text, already_sent, res);
      if (!chat) return;
      if (already_sent) return send_json(res, 200, Json{{"chat", *chat}, {"message", message_id}});
      Command send = SendMessage{*chat, Actor{ActorKind::client, ""}, text, message_id};
      std::get<SendMessage>(send).attachments = files;
      if (!resolve_attachments(app, send, UnknownFiles::refuse, res)) return;
      Reply reply = send_client_message(app, *chat, text, message_id, call->source(),
                                        std::get<SendMessage>(send).attachments);
      if (attempt == 0 && reply.error && reply.error->code == ErrorCode::bad_state) continue;
      if (!reply_ok(reply, res)) return;
      std::string id = message_id;
      if (!reply.events.empty()) id = string_field(reply.events.back(), "message", id);
      return send_json(res, 200, Json{{"chat", *chat}, {"message", id}});
    }
  });

  http.Get("/widget/v1/messages", [&app](const Request& req, Response& res) {
    const auto call = require_visitor(app, req, res);
    if (!call) return;
    const std::size_t after = after_param(req);
    const std::string& chat_id = call->visitor.chat;
    Json out;
    std::vector<std::string> to_deliver;
    app.desk->read([&](const State& state, Timestamp now) {
      chat_status(state, now, chat_id, out);
      Json messages = Json::array();
      const Chat* chat = state.find_chat(chat_id);
      out["count"] = chat ? chat->messages.size() : 0;
      if (chat)
        for (const CustomerMessage& m : customer_messages(state, *chat, after)) {
          messages.push_back(client_message_json(m));
          if (m.delivery == Delivery::sending) to_deliver.push_back(m.id);
        }
      out["messages"] = std::move(messages);
    });
    for (const std::string& id : mark_delivered(app, chat_id, to_deliver))
      for (Json& m : out["messages"])
        if (m["id"] == id && m.value("delivery", "") == "sending") m["delivery"] = "delivered";
    send_json(res, 200, out);
  });

  http.Get("/widget/v1/history", [&app](const Request& req, Response& res) {
    const auto call = require_visitor(app, req, res);
    if (!call) return;
    Json sessions = Json::array();
    app.desk->read([&](const State& state, Timestamp) {
      const Chat* chat = state.find_chat(call->visitor.chat);
      if (!chat) return;
      for (ChatIx c : earlier_sessions(state, *chat)) {
        const Chat& earlier = state.chats[c];
        Json messages = Json::array();
        for (const CustomerMessage& m : customer_messages(state, earlier, 0)) messages.push_back(client_message_json(m));
        sessions.push_back(Json{{"chat", earlier.id},
                                {"number", earlier.number},
                                {"state", chat_state_name(earlier.state)},
                                {"started_at", format_rfc3339(earlier.started_at)},
                                {"messages", std::move(messages)}});
      }
    });
    send_json(res, 200, Json{{"chat", call->visitor.chat}, {"sessions", std::move(sessions)}});
  });

  http.Post("/widget/v1/read", [&app](const Request& req, Response& res) {
    const auto call = require_visitor(app, req, res);
    if (!call) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const std::string message = string_field(*body, "message");
    if (message.empty()) return send_error(res, ServerError::bad_command, "message is required");
    const Reply reply = app.desk->submit(SetDelivery{call->visitor.chat, message, Delivery::read});
    if (!reply_ok(reply, res)) return;
    send_json(res, 200, Json{{"chat", call->visitor.chat}, {"message", message}, {"delivery", "read"}});
  });

  http.Post("/widget/v1/typing", [&app](const Request& req, Response& res) {
    const auto call = require_visitor(app, req, res);
    if (!call) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto field = body->is_object() ? body->find("typing") : body->end();
    if (!body->is_object() || field == body->end() || !field->is_boolean())
      return send_error(res, ServerError::bad_command, "typing must be true or false");
    if (!admit_presence_signal("visitor|" + call->token_hash))
      return send_error(res, ServerError::rate_limited, "at most 4 typing signals a second");
    const bool typing = field->get<bool>();
    app.desk->read([&](const State& state, Timestamp) {
      const ChatIx chat = state.chat_ix(call->visitor.chat);
      if (chat != kNoIndex && state.chats[chat].state != ChatState::closed) signal_customer_typing(app, state, chat, typing);
    });
    send_json(res, 200, Json{{"chat", call->visitor.chat}, {"typing", typing}});
  });

  http.Get("/widget/v1/stream", [&app](const Request& req, Response& res) {
    const auto call = require_visitor(app, req, res);
    if (!call) return;
    // Last-Event-ID resumes from the hub's memory, at most kMaxResume events back; the widget catches
    // up on anything older with GET /widget/v1/messages when the stream opens.
    const std::uint64_t last = app.desk->last_seq(), resume = last_event_id(req);
    const std::uint64_t after = resume && resume <= last && last - resume <= kMaxResume ? resume : last;
    auto stream = std::make_shared<WidgetStream>(app, call->token_hash, call->visitor.chat, after);
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider(
        "text/event-stream",
        [stream](std::size_t, httplib::DataSink& sink) {
          std::string out;
          if (!stream->opened) {
            stream->opened = true;
            out = "retry: 3000\n: stream open\n\n";
          } else if (stream->pending.empty()) {
            auto events = stream->subscription->wait(kStreamWaitMs);
            stream->pending.insert(stream->pending.end(), events.begin(), events.end());
            stream->refresh();
          }
          std::vector<std::string> to_deliver;
          out += stream->render(to_deliver);
          if (out.empty()) out = ": keep-alive\n\n";
          if (!sink.write(out.data(), out.size())) return false;
          mark_delivered(stream->app, stream->chat, to_deliver);
          return true;
        },
        [stream](bool) { stream->app.hub.unsubscribe(stream->subscription); });
  });

  register_widget_config_routes(app);
}

}  // namespace parley::server
