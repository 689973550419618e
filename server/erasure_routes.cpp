// Erasure and retention REST (admins):
//   POST /api/v1/customers/erase {"channel","client"} → 200 {"erased":[chat ids],"events":[…]} once the
//        sessions' content is out of the file too (202 with "pending":true if that takes over 10 s)
//   GET  /api/v1/retention → 200 {"days"}     PUT /api/v1/retention {"days"} → 200 {"days","events"}
#include <memory>

#include "erasure_worker.hpp"
#include "http_util.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

constexpr int kEraseWaitMs = 10000;

bool admin(App& app, const Request& req, Response& res) {
  const auto p = require_auth(app, req, res);
  if (!p) return false;
  if (!p->admin) {
    send_error(res, ServerError::forbidden, "admins only");
    return false;
  }
  return true;
}

// The command from the body's fields, through the core's reader (its checks and messages).
std::optional<Reply> submit(App& app, Json command, Response& res) {
  const auto parsed = command_from_json(command);
  if (!parsed) {
    send_refusal(res, parsed.error());
    return std::nullopt;
  }
  Reply reply = app.desk->submit(parsed.value());
  if (!reply_ok(reply, res)) return std::nullopt;
  return reply;
}

Json body_fields(const Json& body, std::initializer_list<const char*> keys) {
  Json out = Json::object();
  for (const char* key : keys)
    if (body.contains(key)) out[key] = body[key];
  return out;
}

}  // namespace

void register_erasure_routes(App& app) {
  const int sweep_ms = app.clock.mode() == Clock::Mode::manual ? 500 : 10 * 60 * 1000;
  auto worker = std::make_shared<ErasureWorker>(app, sweep_ms);
  auto& http = *app.http;

  http.Post("/api/v1/customers/erase", [&app, worker](const Request& req, Response& res) {
    if (!admin(app, req, res)) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    Json command = body_fields(*body, {"channel", "client"});
    command["type"] = "customer.erase";
    const auto reply = submit(app, command, res);
    if (!reply) return;
    Json erased = Json::array();
    std::uint64_t last = 0;
    for (const Json& event : reply->events) {
      erased.push_back(event.value("chat", ""));
      last = std::max<std::uint64_t>(last, event.value("seq", std::uint64_t{0}));
    }
    const bool done = worker->wait_done(last, kEraseWaitMs);
    Json answer{{"erased", erased}, {"events", reply->events}};
    if (!done) answer["pending"] = true;
    send_json(res, done ? 200 : 202, answer);
  });

  http.Get("/api/v1/retention", [&app](const Request& req, Response& res) {
    if (!admin(app, req, res)) return;
    const Duration kept = app.desk->read([](const State& state, Timestamp) { return state.settings.retention; });
    send_json(res, 200, Json{{"days", kept / kDay}});
  });

  http.Put("/api/v1/retention", [&app](const Request& req, Response& res) {
    if (!admin(app, req, res)) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    Json command = body_fields(*body, {"days"});
    command["type"] = "retention.set";
    const auto reply = submit(app, command, res);
    if (!reply) return;
    const Duration kept = app.desk->read([](const State& state, Timestamp) { return state.settings.retention; });
    send_json(res, 200, Json{{"days", kept / kDay}, {"events", reply->events}});
  });
}

}  // namespace parley::server
