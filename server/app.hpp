// The server process's parts and their wiring: configuration, store, clock, desk, auth, streams,
// metrics and the HTTP server. Route files register their handlers on App::http.
#pragma once
#include <httplib.h>

#include <memory>
#include <string>

#include "auth.hpp"
#include "clock.hpp"
#include "db_lock.hpp"
#include "desk.hpp"
#include "event_hub.hpp"
#include "http_server.hpp"
#include "metrics.hpp"
#include "rate_limits.hpp"
#include "sqlite_store.hpp"
#include "static_site.hpp"
#include "task_queue.hpp"

namespace parley::server {

struct Config {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string db = "./parley.db";
  std::string web_dir;
  bool manual_clock = false;
  std::string tls_cert, tls_key;
  std::string admin_password;
  std::size_t max_threads = 4096;
  std::size_t max_connections_per_address = 128;  // open at once; 0: no limit
  std::size_t max_attachment_bytes = 5 << 20;  // one uploaded file; other bodies: kMaxBodyBytes (http_util)
  int action_timeout_ms = 5000;  // one call of a support agent action's endpoint (connect, send, answer)
  RateLimits rate_limits;
};

class App {
 public:
  explicit App(Config config);
  ~App();
  // Opens the database, creates the first admin if needed, rebuilds the desk.
  bool init(std::string& error);
  // Binds and serves until stop(); returns false if it cannot listen.
  bool serve();
  void stop();
  int bound_port() const { return bound_port_; }

  Config config;
  Clock clock;
  EventHub hub;
  Metrics metrics;
  ConnectionLimit connections;
  RateLimiter rate_limiter;
  std::unique_ptr<DatabaseLock> db_lock;  // taken before the store opens, released after it closes
  std::unique_ptr<SqliteStore> store;  // the event log, and the records below on the same file
  UserStore* users = nullptr;
  ChannelStore* channels = nullptr;
  VisitorStore* visitors = nullptr;
  WebhookStore* webhooks = nullptr;
  AttachmentStore* attachments = nullptr;
  TemplateStore* templates = nullptr;
  ArticleStore* articles = nullptr;
  ActionStore* actions = nullptr;  // support agent actions and their allowlist
  CursorStore* cursors = nullptr;  // event workers' positions
  AuditStore* audit = nullptr;     // the audit trail's reads
  ContentEraser* eraser = nullptr;  // erased sessions' content out of the file
  std::unique_ptr<Auth> auth;
  std::unique_ptr<Desk> desk;
  std::unique_ptr<httplib::Server> http;
  GrowingThreadPool* pool = nullptr;  // owned by http
  StaticSite site;                    // the web workspace, when config.web_dir is set

 private:
  void configure_http();
  // 429 with Retry-After when the request is over its rate limits; false when it may go on.
  bool refuse_over_limit(const httplib::Request& req, httplib::Response& res);
  int bound_port_ = 0;
};

void register_ops_routes(App& app);
void register_auth_routes(App& app);
void register_api_routes(App& app);
void register_admin_routes(App& app);
void register_stream_routes(App& app);
void register_attachment_routes(App& app);
void register_template_routes(App& app);
void register_article_routes(App& app);
void register_settings_routes(App& app);
void register_presence_routes(App& app);
void register_report_routes(App& app);
void register_blocklist_routes(App& app);
void register_session_routes(App& app);
void register_audit_routes(App& app);
void register_erasure_routes(App& app);
void register_contact_routes(App& app);
void register_start_routes(App& app);
void register_action_routes(App& app);
// Customer side: the web chat widget's public endpoints and the inbound/outbound webhook channel.
void register_channel_routes(App& app);

}  // namespace parley::server
