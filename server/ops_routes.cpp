// Operations: liveness, readiness (database check), Prometheus metrics, the OpenAPI document.
#include "http_util.hpp"

namespace parley::server {

extern const char* const kOpenApiDocument;

void register_ops_routes(App& app) {
  app.http->Get("/livez", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
  app.http->Get("/readyz", [&app](const httplib::Request&, httplib::Response& res) {
    if (app.store->healthy()) res.set_content("ready\n", "text/plain");
    else send_error(res, ServerError::unavailable, "database unavailable");
  });
  app.http->Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kOpenApiDocument, "application/json");
  });
  app.http->Get("/metrics", [&app](const httplib::Request&, httplib::Response& res) {
    Metrics::Gauges gauges{app.desk->events_appended(), app.desk->batches(),    app.desk->last_seq(),
                           app.pool ? app.pool->threads() : 0, app.connections.open(),
                           app.connections.refused(),  {}};
    for (std::size_t i = 0; i < kRateClasses.size(); ++i) gauges.rate_limited[i] = app.rate_limiter.refused(kRateClasses[i]);
    res.set_content(app.metrics.render(gauges), "text/plain; version=0.0.4");
  });
}

}  // namespace parley::server
