// GET /api/v1/stream: Server-Sent Events of every committed event the caller may see, with
// `id:` = event sequence, each preceded by the chat snapshots the core routes to the caller with it.
// A stream from the start (no Last-Event-ID), or one resuming from before what the hub keeps, opens
// with the caller's replica bootstrap (replica.reset, groups, agents, visible chats; no ids).
#include <algorithm>

#include "http_util.hpp"
#include "replica_wire.hpp"

namespace parley::server {

namespace {

std::string frame(const PublishedEvent& e) {
  return "id: " + std::to_string(e.seq) + "\nevent: " + e.type + "\ndata: " + e.json + "\n\n";
}

std::string item_frame(std::string_view type, const std::string& json) {
  return "event: " + std::string(type) + "\ndata: " + json + "\n\n";
}

// One agent stream: what it has written up to (`floor`) and what waits to be written.
struct AgentStream {
  std::shared_ptr<Subscription> subscription;
  std::uint64_t floor = 0;
  std::string head;  // the opening comment and, when bootstrapping, the replica items
  std::vector<PublishedPtr> pending;

  void items(const std::vector<PublishedEvent::Prelude>& list, std::string& out) const {
    const Viewer& viewer = subscription->viewer();
    if (viewer.sees_all) return;
    for (const auto& item : list)
      if (std::binary_search(item.viewers.begin(), item.viewers.end(), viewer.agent)) out += item_frame(item.type, item.json);
  }

  std::string render() {
    std::string out;
    out.swap(head);
    const Viewer& viewer = subscription->viewer();
    for (const PublishedPtr& event : pending) {
      if (event->seq <= floor) continue;
      floor = event->seq;
      items(event->preludes, out);
      if (gets_event(viewer, *event)) out += frame(*event);
      items(event->postludes, out);
    }
    pending.clear();
    // Presence signals: no `id:`, so Last-Event-ID keeps naming a logged event.
    for (const SignalPtr& signal : subscription->take_signals()) out += item_frame(signal->type, signal->json);
    return out;
  }
};

// The replica items a fresh replica starts from, as SSE frames; the reset names the seq they reach.
std::string bootstrap_frames(App& app, const Viewer& viewer, std::uint64_t& seq) {
  std::vector<ReplicaItem> items;
  app.desk->read_at_seq([&](const State& state, std::uint64_t at) {
    items = replica_bootstrap(state, StreamViewer{viewer.sees_all, viewer.agent});
    seq = at;
    return 0;
  });
  std::string out;
  for (const ReplicaItem& item : items) {
    Json json = replica_item_to_json(item);
    if (std::holds_alternative<ReplicaReset>(item)) json["seq"] = seq;
    out += item_frame(replica_item_type(item), json.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  return out;
}

}  // namespace

void register_stream_routes(App& app) {
  app.http->Get("/api/v1/stream", [&app](const httplib::Request& req, httplib::Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto viewer = app.desk->read([&](const State& state, Timestamp) -> std::optional<Viewer> {
      const auto agent = state.agent_ix(p->agent);
      if (agent != kNoIndex) return Viewer{p->admin || has_role(state.agents[agent], kRoleAdmin), agent, {}};
      if (p->admin) return Viewer{true, kNoIndex, {}};
      return std::nullopt;
    });
    if (!viewer) return send_error(res, ServerError::forbidden, "this login has no agent to stream for");
    auto stream = std::make_shared<AgentStream>();
    stream->floor = last_event_id(req);
    std::uint64_t first_kept = 0;
    stream->subscription = app.hub.subscribe(*viewer, stream->floor, stream->pending, first_kept);
    stream->subscription->take_signals_too();
    stream->head = ": stream open\n\n";
    if (stream->floor == 0 || stream->floor + 1 < first_kept) stream->head += bootstrap_frames(app, *viewer, stream->floor);
    ++app.metrics.open_streams;
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider(
        "text/event-stream",
        [stream](std::size_t, httplib::DataSink& sink) {
          if (stream->subscription->closed()) return false;
          if (stream->head.empty() && stream->pending.empty()) stream->pending = stream->subscription->wait(15000);
          std::string out = stream->render();
          if (out.empty()) out = ": keep-alive\n\n";
          return sink.write(out.data(), out.size());
        },
        [&app, stream](bool) {
          app.hub.unsubscribe(stream->subscription);
          --app.metrics.open_streams;
        });
  });
}

}  // namespace parley::server
