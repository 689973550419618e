// parley-server: the desk over HTTP. Flags win over PARLEY_* environment variables.
//   parley-server --listen HOST:PORT --db PATH [--web DIR] [--clock manual] [--tls-cert F --tls-key F]
//                 [--max-connections-per-address N] [--rate-limits off|CLASS=RATE/BURST,…]
//                 [--action-timeout-ms N]
#include <pthread.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "app.hpp"

namespace {

std::string env(const char* name, const std::string& fallback = "") {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// A count of 0..1000000 in decimal.
bool parse_count(const std::string& text, std::size_t& out) {
  if (text.empty() || text.size() > 7 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoul(text);
  return out <= 1000000;
}

bool parse_listen(const std::string& text, parley::server::Config& config) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  config.host = text.substr(0, colon);
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
  config.port = std::stoi(port);
  return config.port <= 65535;
}

int usage() {
  std::fprintf(stderr,
               "usage: parley-server [--listen HOST:PORT] [--db PATH] [--web DIR] [--clock manual]\n"
               "                     [--tls-cert FILE --tls-key FILE] [--max-connections-per-address N]\n"
               "                     [--rate-limits off|CLASS=RATE/BURST,…]  (CLASS: staff-token, staff-address,\n"
               "                      public-token, public-address; RATE requests a second, 0 for no limit)\n"
               "                     [--action-timeout-ms N]  (one call of an action's endpoint, 100 to 60000)\n"
               "environment: PARLEY_LISTEN PARLEY_DB PARLEY_WEB PARLEY_CLOCK PARLEY_TLS_CERT PARLEY_TLS_KEY\n"
               "             PARLEY_MAX_CONNECTIONS_PER_ADDRESS PARLEY_RATE_LIMITS PARLEY_ACTION_TIMEOUT_MS\n"
               "             PARLEY_ADMIN_PASSWORD (first start only)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  parley::server::Config config;
  std::string listen = env("PARLEY_LISTEN", "127.0.0.1:8080");
  config.db = env("PARLEY_DB", config.db);
  config.web_dir = env("PARLEY_WEB");
  std::string clock = env("PARLEY_CLOCK", "system");
  config.tls_cert = env("PARLEY_TLS_CERT");
  config.tls_key = env("PARLEY_TLS_KEY");
  config.admin_password = env("PARLEY_ADMIN_PASSWORD");
  std::string per_address = env("PARLEY_MAX_CONNECTIONS_PER_ADDRESS", std::to_string(config.max_connections_per_address));
  std::string rate_limits = env("PARLEY_RATE_LIMITS");
  std::string action_timeout = env("PARLEY_ACTION_TIMEOUT_MS", std::to_string(config.action_timeout_ms));
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") return usage();
    if (i + 1 >= argc) return usage();
    const std::string value = argv[++i];
    if (flag == "--listen") listen = value;
    else if (flag == "--db") config.db = value;
    else if (flag == "--web") config.web_dir = value;
    else if (flag == "--clock") clock = value;
    else if (flag == "--tls-cert") config.tls_cert = value;
    else if (flag == "--tls-key") config.tls_key = value;
    else if (flag == "--max-connections-per-address") per_address = value;
    else if (flag == "--rate-limits") rate_limits = value;
    else if (flag == "--action-timeout-ms") action_timeout = value;
    else return usage();
  }
  if (!parse_listen(listen, config)) {
    std::fprintf(stderr, "parley-server: --listen must be HOST:PORT\n");
    return 2;
  }
  if (clock != "system" && clock != "manual") return usage();
  if (!parse_count(per_address, config.max_connections_per_address)) {
    std::fprintf(stderr, "parley-server: --max-connections-per-address must be a number from 0 (no limit) to 1000000\n");
    return 2;
  }
  if (std::string error; !rate_limits.empty() && !parley::server::parse_rate_limits(rate_limits, config.rate_limits, error)) {
    std::fprintf(stderr, "parley-server: --rate-limits: %s\n", error.c_str());
    return 2;
  }
  if (std::size_t ms = 0; !parse_count(action_timeout, ms) || ms < 100 || ms > 60000) {
    std::fprintf(stderr, "parley-server: --action-timeout-ms must be 100 to 60000\n");
    return 2;
  } else {
    config.action_timeout_ms = static_cast<int>(ms);
  }
  config.manual_clock = clock == "manual";
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    std::fprintf(stderr, "parley-server: --tls-cert and --tls-key go together\n");
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  // SIGINT/SIGTERM are taken by one thread with sigwait (every thread inherits the mask), so the
  // shutdown runs as ordinary code rather than inside a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  parley::server::App app(config);
  std::string error;
  if (!app.init(error)) {
    std::fprintf(stderr, "parley-server: %s\n", error.c_str());
    return 1;
  }
  std::thread([&app, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    app.stop();
  }).detach();
  if (!app.serve()) {
    std::fprintf(stderr, "parley-server: cannot listen on %s: %s\n", listen.c_str(), std::strerror(errno));
    return 1;
  }
  return 0;
}
