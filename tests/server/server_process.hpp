// Shared helpers of the server integration tests: the real parley-server as a child process on a
// free loopback port with a temporary database, and small JSON-over-HTTP clients. Not thread-safe per object.
#pragma once
#include <nlohmann/json.hpp>
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace httplib {
class Client;
}

namespace parley_test {

using nlohmann::json;

extern const char* const kAdminPassword;
std::string scenarios_dir();
std::string sim_binary();

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

enum class ClockMode { system, manual };

// One parley-server process. start() picks a free port (retrying if it is taken meanwhile).
class ServerProcess {
 public:
  ServerProcess(std::string db, std::string log_file, ClockMode clock);
  ~ServerProcess();  // kill -9 if still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  // Serve HTTPS with this certificate and key (PEM files); call before start().
  void use_tls(std::string cert, std::string key);
  bool tls() const { return !tls_cert_.empty(); }
  // Serve the web workspace's site from this folder (--web); call before start().
  void serve_web(std::string dir) { web_dir_ = std::move(dir); }
  // More flags for the server (e.g. {"--max-connections-per-address", "4"}); call before start().
  void add_args(std::vector<std::string> args) { extra_args_ = std::move(args); }
  bool start();  // false if it never answered /livez (see log())
  int stop();    // SIGTERM and wait: the exit status, 128+signal if killed, -1 if it hung (then killed)
  void kill9();  // SIGKILL and reap
  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  std::string log() const;

 private:
  int wait_exit(int timeout_ms);
  std::string db_, log_file_, tls_cert_, tls_key_, web_dir_;
  std::vector<std::string> extra_args_;
  ClockMode clock_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string exit_note_;  // how the last failed start ended
};

// Runs parley-server with `args` (no other flags) and the test admin password until it exits:
// its exit status (-1 if still running after `timeout_ms`, then killed) and its stdout+stderr.
struct Finished {
  int status = -1;
  std::string output;
};
Finished run_server_to_exit(const std::vector<std::string>& args, int timeout_ms);
// The parley-server this build made, or $PARLEY_TEST_SERVER_BIN (e.g. to show a test fails on an older one).
std::string server_binary();

struct Reply {
  int status = 0;  // 0: no HTTP answer at all (connection failed or dropped)
  json body;       // null when the body is empty or not JSON
  std::string text;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string code() const;                    // body.error.code, or ""
  std::string header(const std::string& lower_name) const;  // "" if absent
  std::string describe() const;                // "STATUS TEXT" for failure messages
};

// Keeps one keep-alive connection; use one Api per thread. `https`: TLS without certificate checks.
class Api {
 public:
  explicit Api(int port, std::string token = "", bool https = false);
  ~Api();
  Api(Api&&) noexcept;
  Api& operator=(Api&&) noexcept;
  Reply get(const std::string& path, const std::multimap<std::string, std::string>& params = {}) const;
  Reply post(const std::string& path, const json& body) const;
  Reply put(const std::string& path, const json& body) const;
  Reply post_raw(const std::string& path, const std::string& body, const std::string& type = "application/json") const;
  Reply options(const std::string& path) const;
  Reply remove(const std::string& path) const;  // DELETE
  Reply command(const json& command) const { return post("/api/v1/commands", command); }
  Reply set_clock(const std::string& rfc3339) const { return post("/api/v1/clock", json{{"now", rfc3339}}); }
  Reply login(const std::string& login, const std::string& password) const;
  // Logs in and keeps the token for later calls; false on failure.
  bool sign_in(const std::string& login, const std::string& password);
  const std::string& token() const { return token_; }
  void set_token(std::string token) { token_ = std::move(token); }
  // Headers sent with every later call besides Authorization (e.g. Origin); empty value: removed.
  void set_header(const std::string& name, const std::string& value);
  // Connect from this loopback source address (any of 127.0.0.0/8), so the server sees another client.
  void set_source_address(const std::string& ip);

 private:
  std::unique_ptr<httplib::Client> client_;
  std::string token_;
  std::map<std::string, std::string> extra_headers_;
};

// Runs JSON Lines of commands in order; a line's "at" (optional) moves the manual clock first and
// is removed. Returns "" if all answered 200, else a description of the first failure.
std::string run_script(const Api& api, const std::string& jsonl);

// A temporary database, a started server and an admin session. Throws if the server will not start.
struct Running {
  explicit Running(ClockMode clock = ClockMode::manual, std::vector<std::string> args = {});
  void restart();  // SIGTERM, then start again on the same database (same admin token)
  // Creates a login for `agent` with the given roles; returns an Api signed in as it.
  Api user(const std::string& login, const json& roles, const std::string& agent);
  TempDir dir;
  ServerProcess server;
  Api admin;
};

// Logins for role checks on a desk whose setup created the agents ann (operator) and sue
// (supervisor) and rita (reader) of one group, and zed (operator) of another; `nobody` sends no
// token and `forged` a made-up one. Members in this order: auto& [ann, sue, rita, zed, nobody, forged].
struct RoleLogins {
  explicit RoleLogins(Running& desk);
  Api ann, sue, rita, zed, nobody, forged;
};

struct SseEvent {
  std::uint64_t id = 0;
  std::string type, data;
};
struct StreamResult {
  int status = 0;
  std::vector<SseEvent> events;
};
using EnoughEvents = std::function<bool(const std::vector<SseEvent>&)>;
// Reads an SSE stream (GET `path` with `headers`) until `enough(events)` or `timeout_ms` passes, then
// drops the connection. `opened`, if set, runs once when the first bytes of the stream arrive.
StreamResult read_sse(int port, const std::string& path, const std::map<std::string, std::string>& headers,
                      const EnoughEvents& enough, int timeout_ms, const std::function<void()>& opened = {});
// Reads GET /api/v1/stream until `enough(events)` or `timeout_ms` passes, then drops the connection.
StreamResult read_stream(int port, const std::string& token, std::optional<std::uint64_t> last_event_id,
                         const EnoughEvents& enough, int timeout_ms);

// The X-Parley-Signature of a webhook delivery: hex HMAC-SHA256 of "<timestamp>.<body>" with the
// channel's secret.
std::string webhook_signature(const std::string& secret, const std::string& timestamp, const std::string& body);

// "YYYY-MM-DDTHH:MM:SS[.fff]Z" as milliseconds since the epoch.
std::optional<std::int64_t> parse_utc_ms(const std::string& text);

}  // namespace parley_test
