// The widget's channel settings and the visitor's own uploads, CORS as the other widget routes.
//
//   GET  /widget/v1/:channel/config  → 200 {"channel","name","theme","prechat","online","opens_at",
//                                            "max_attachment_bytes"}
//     (public: the look and pre-chat form an admin set on the channel; "online": the group is inside
//     its business hours with an agent online; "opens_at": its next opening when its hours are closed)
//   POST /widget/v1/attachments?name=<file name>  (body: the bytes)  → 201 {"id","name","type","size"}
//     (into the visitor's current session, with the limits of staff uploads; 409 once it is closed)
#include "attachment_routes.hpp"
#include "http_util.hpp"
#include "queue_wait.hpp"
#include "widget_look_wire.hpp"
#include "widget_routes.hpp"

namespace parley::server {

Json widget_queue_json(const State& state, const std::string& chat, Timestamp now) {
  const auto wait = queue_wait(state, state.chat_ix(chat), now);
  if (!wait) return nullptr;
  return Json{{"position", wait->position},
              {"waiting", wait->waiting},
              {"estimated_wait_ms", wait->estimated_wait ? Json(*wait->estimated_wait) : Json(nullptr)}};
}

void register_widget_config_routes(App& app) {
  using httplib::Request;
  using httplib::Response;

  app.http->Get("/widget/v1/:channel/config", [&app](const Request& req, Response& res) {
    const std::string id = req.path_params.at("channel");
    const auto channel = app.channels->find(id);
    if (channel.failed()) return send_store_failure(res, "the channel could not be read", channel);
    if (!channel.ok() || channel->kind != "widget") {
      if (widget_cors(app, req, res, nullptr)) send_error(res, ServerError::unknown_channel, "no widget channel " + id);
      return;
    }
    if (!widget_cors(app, req, res, &*channel)) return;
    Json out{{"channel", channel->id}, {"name", channel->name}};
    add_widget_look(*channel, out);
    app.desk->read([&](const State& state, Timestamp now) {
      const GroupIx group = state.group_ix(channel->group);
      const bool online = group != kNoIndex && !channel->disabled && is_group_online(state, group, now);
      const auto opens = group != kNoIndex ? group_next_opening(state, group, now) : std::nullopt;
      out["online"] = online;
      out["opens_at"] = opens ? Json(format_rfc3339(*opens)) : Json(nullptr);
    });
    out["max_attachment_bytes"] = app.config.max_attachment_bytes;
    res.set_header("Cache-Control", "no-store");
    send_json(res, 200, out);
  });

  app.http->Post("/widget/v1/attachments", [&app](const Request& req, Response& res) {
    const auto call = require_visitor(app, req, res);
    if (!call || !channel_accepts(call->channel, res)) return;
    const bool open = app.desk->read([&](const State& state, Timestamp) {
      const Chat* chat = state.find_chat(call->visitor.chat);
      return chat && chat->state != ChatState::closed;
    });
    if (!open)
      return send_error(res, ServerError::bad_state,
                        "this conversation has ended: send a message to start a new one, then attach the file");
    store_upload(app, req, res, call->visitor.chat, "visitor:" + call->visitor.visitor);
  });
}

}  // namespace parley::server
