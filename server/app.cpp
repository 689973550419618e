// Wiring of the server: limits, timeouts, logging, error handling, routes and static files.
#include "app.hpp"

#include <openssl/ssl.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <cstdio>

#include "audit_context.hpp"
#include "http_util.hpp"

namespace parley::server {

namespace {
thread_local std::chrono::steady_clock::time_point request_started;
}  // namespace

App::App(Config c)
    : config(std::move(c)),
      clock(config.manual_clock ? Clock::Mode::manual : Clock::Mode::system),
      connections(config.max_connections_per_address),
      rate_limiter(config.rate_limits) {}

App::~App() {
  stop();
  if (desk) desk->stop();
}

bool App::init(std::string& error) {
  if (!Auth::init_library()) {
    error = "libsodium failed to initialise";
    return false;
  }
  db_lock = DatabaseLock::acquire(config.db, error);
  if (!db_lock) return false;
  store = SqliteStore::open(config.db, error);
  if (!store) return false;
  users = &store->users;
  channels = &store->channels;
  visitors = &store->visitors;
  webhooks = &store->webhooks;
  attachments = &store->attachments;
  templates = &store->templates;
  articles = &store->articles;
  actions = &store->actions;
  cursors = &store->cursors;
  audit = &store->audit;
  eraser = &store->eraser;
  auth = std::make_unique<Auth>(*users);
  if (auto password = auth->bootstrap_admin(config.admin_password); password && !password->empty())
    std::printf("parley: created user admin with password %s (shown once)\n", password->c_str());
  desk = std::make_unique<Desk>(*store, clock, hub);
  if (!desk->load(error)) return false;
  hub.start_after(desk->last_seq());
  desk->start();
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  if (!config.tls_cert.empty()) {
    auto tls = std::make_unique<LimitedSslServer>(connections, config.tls_cert.c_str(), config.tls_key.c_str());
    if (!tls->is_valid()) {
      error = "cannot load the TLS certificate or key";
      return false;
    }
    SSL_CTX_set_min_proto_version(tls->ssl_context(), TLS1_2_VERSION);
    http = std::move(tls);
  }
#endif
  if (!http) http = std::make_unique<LimitedServer>(connections);
  if (!config.web_dir.empty() && !site.load(config.web_dir, error)) return false;
  configure_http();
  return true;
}

void App::configure_http() {
  http->new_task_queue = [this] {
    pool = new GrowingThreadPool(8, config.max_threads);
    return pool;
  };
  // No SO_REUSEPORT (cpp-httplib's default): a second server on a taken port must fail to bind.
  http->set_socket_options([](socket_t sock) {
    int on = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  });
  http->set_tcp_nodelay(true);
  // What an idle or slow connection may hold: its thread for 10 s between requests (the wait wakes every
  // 250 ms: CPPHTTPLIB_KEEPALIVE_TIMEOUT_CHECK_INTERVAL_USECOND), 5 s per stalled read, and at most
  // Config::max_connections_per_address connections per client address.
  http->set_keep_alive_max_count(100000);
  http->set_keep_alive_timeout(10);
  http->set_read_timeout(5, 0);
  http->set_write_timeout(10, 0);
  // Uploads are the largest bodies; read_json_body holds every other one to kMaxBodyBytes.
  http->set_payload_max_length(std::max(kMaxBodyBytes, config.max_attachment_bytes));
  http->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    request_started = std::chrono::steady_clock::now();
    audit_begin_request(clock.now());
    // Route handlers, the log and the desk's events may hold request text, and JSON can hold only UTF-8.
    if (!request_text_valid(req)) {
      // Refused before its body is read: the unread body must not be taken for the next request.
      res.set_header("Connection", "close");
      send_error(res, ServerError::bad_request, "the path, query or headers are not valid UTF-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (refuse_over_limit(req, res)) return httplib::Server::HandlerResponse::Handled;
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                              request_started)
                            .count();
    metrics.observe_request(res.status, micros);
    if (req.path == "/livez" || req.path == "/metrics" || (res.status < 400 && req.method == "GET")) return;
    std::fprintf(stderr, "{\"ts\":%lld,\"level\":\"%s\",\"method\":\"%s\",\"path\":%s,\"status\":%d,\"us\":%lld}\n",
                 static_cast<long long>(wall_ms()), res.status >= 500 ? "error" : "info", req.method.c_str(),
                 json_text(Json(req.path)).c_str(), res.status, static_cast<long long>(micros));
  });
  http->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send_error(res, ServerError::internal, "the server failed to handle this request");
  });
  http->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status < 400) return;
    const ServerError kind = library_error(res.status);
    send_error(res, kind, kind == ServerError::too_large   ? "the request body is too large"
                          : kind == ServerError::not_found ? "no such route"
                                                           : "the request was not understood");
  });
  register_ops_routes(*this);
  register_auth_routes(*this);
  register_api_routes(*this);
  register_admin_routes(*this);
  register_stream_routes(*this);
  register_attachment_routes(*this);
  register_template_routes(*this);
  register_article_routes(*this);
  register_settings_routes(*this);
  register_presence_routes(*this);
  register_report_routes(*this);
  register_blocklist_routes(*this);
  register_session_routes(*this);
  register_audit_routes(*this);
  register_erasure_routes(*this);
  register_contact_routes(*this);
  register_start_routes(*this);
  register_action_routes(*this);
  register_channel_routes(*this);
  if (!config.web_dir.empty())  // after every route: the site's files are the top-level paths left over
    http->Get(R"(/[^/]*)", [this](const httplib::Request& req, httplib::Response& res) {
      if (!site.serve(req, res)) send_error(res, ServerError::not_found, "no such route");
    });
}

bool App::refuse_over_limit(const httplib::Request& req, httplib::Response& res) {
  const bool staff = req.path.rfind("/api/v1/", 0) == 0;
  const bool public_write = req.method == "POST" && (req.path.rfind("/widget/v1/", 0) == 0 || req.path.rfind("/hooks/v1/", 0) == 0);
  if (!staff && !public_write) return false;
  const auto now = std::chrono::steady_clock::now();
  const std::string token = request_token(req);
  std::optional<int> wait = rate_limiter.take(staff ? RateClass::staff_address : RateClass::public_address,
                                              req.remote_addr, now);
  if (!wait && !token.empty())  // keyed by a hash: the limiter holds no secrets
    wait = rate_limiter.take(staff ? RateClass::staff_token : RateClass::public_token,
                             std::to_string(std::hash<std::string>{}(token)), now);
  if (!wait) return false;
  res.set_header("Retry-After", std::to_string(*wait));
  res.set_header("Connection", "close");  // the body, if any, is not read
  send_error(res, ServerError::rate_limited, "too many requests; retry after " + std::to_string(*wait) + " s");
  return true;
}

bool App::serve() {
  bound_port_ = config.port == 0 ? http->bind_to_any_port(config.host) : (http->bind_to_port(config.host, config.port)
                                                                             ? config.port
                                                                             : -1);
  if (bound_port_ <= 0) return false;
  std::printf("parley: listening on %s://%s:%d/\n", config.tls_cert.empty() ? "http" : "https", config.host.c_str(),
              bound_port_);
  std::fflush(stdout);
  return http->listen_after_bind();
}

void App::stop() {
  hub.close_all();
  if (http) http->stop();
}

}  // namespace parley::server
