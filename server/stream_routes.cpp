// GET /api/v1/stream: Server-Sent Events of every committed event the caller may see, with
// `id:` = event sequence. Last-Event-ID (header or query) resumes after a disconnect; gaps older
// than the hub keeps are read back from the store.
#include <algorithm>

#include "http_util.hpp"

namespace parley::server {

namespace {

std::string frame(const PublishedEvent& e) {
  return "id: " + std::to_string(e.seq) + "\nevent: " + e.type + "\ndata: " + e.json + "\n\n";
}

std::uint64_t last_event_id(const httplib::Request& req) {
  std::string text = req.get_header_value("Last-Event-ID");
  if (text.empty() && req.has_param("last_event_id")) text = req.get_param_value("last_event_id");
  if (text.empty() || text.size() > 19 || !std::all_of(text.begin(), text.end(), ::isdigit)) return 0;
  return std::stoull(text);
}

// Events after `after` read back from the store, filtered for the viewer with the current state.
std::vector<PublishedPtr> from_store(App& app, const Viewer& viewer, std::uint64_t after, std::uint64_t before) {
  std::vector<PublishedPtr> out;
  while (after + 1 < before) {
    const auto stored = app.store->events_after(after, 5000);
    if (stored.empty()) break;
    for (const StoredEvent& s : stored) {
      if (s.seq >= before) return out;
      after = s.seq;
      const auto json = parse_json(s.json);
      const auto event = json ? event_from_json(*json) : Result<Event>(fail(ErrorCode::bad_command, ""));
      if (!event) continue;
      auto p = std::make_shared<PublishedEvent>();
      p->seq = s.seq;
      p->type = std::string(event_type(event.value().body));
      p->json = s.json;
      p->audience = app.desk->read([&](const State& state, Timestamp) { return event_audience(state, event.value().body); });
      if (may_see(viewer, p->audience)) out.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace

void register_stream_routes(App& app) {
  app.http->Get("/api/v1/stream", [&app](const httplib::Request& req, httplib::Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto viewer = app.desk->read([&](const State& state, Timestamp) -> std::optional<Viewer> {
      const Index agent = state.agent_ix(p->agent);
      if (agent != kNoIndex) {
        Viewer v = viewer_for(state, agent);
        v.sees_all = v.sees_all || p->admin;
        return v;
      }
      if (p->admin) return Viewer{true, kNoIndex, {}};
      return std::nullopt;
    });
    if (!viewer) return send_error(res, 403, "forbidden", "this login has no agent to stream for");
    const std::uint64_t after = last_event_id(req);
    std::vector<PublishedPtr> backlog;
    std::uint64_t first_kept = 0;
    auto subscription = app.hub.subscribe(*viewer, after, backlog, first_kept);
    if (after + 1 < first_kept) {
      auto older = from_store(app, *viewer, after, first_kept);
      backlog.insert(backlog.begin(), older.begin(), older.end());
    }
    ++app.metrics.open_streams;
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Accel-Buffering", "no");
    auto pending = std::make_shared<std::vector<PublishedPtr>>(std::move(backlog));
    res.set_chunked_content_provider(
        "text/event-stream",
        [subscription, pending](std::size_t, httplib::DataSink& sink) {
          if (subscription->closed()) return false;
          std::string out = ": stream open\n\n";
          if (pending->empty()) {
            out.clear();
            *pending = subscription->wait(15000);
          }
          for (const auto& event : *pending) out += frame(*event);
          pending->clear();
          if (out.empty()) out = ": keep-alive\n\n";
          return sink.write(out.data(), out.size());
        },
        [&app, subscription](bool) {
          app.hub.unsubscribe(subscription);
          --app.metrics.open_streams;
        });
  });
}

}  // namespace parley::server
