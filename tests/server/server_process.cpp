// Child-process control (fork/execve, SIGTERM/SIGKILL, port probing) and the HTTP helpers of the
// server integration tests. Paths of the binaries come from CMake as compile definitions.
#include "server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace parley_test {

const char* const kAdminPassword = "admin-secret-pass";
std::string server_binary() {
  const char* other = std::getenv("PARLEY_TEST_SERVER_BIN");
  return other && *other ? other : PARLEY_SERVER_BIN;
}
std::string scenarios_dir() { return PARLEY_SCENARIOS_DIR; }
std::string sim_binary() { return PARLEY_SIM_BIN; }

namespace {

using Clock = std::chrono::steady_clock;

void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

Reply to_reply(const httplib::Result& result) {
  Reply reply;
  if (!result) return reply;
  reply.status = result->status;
  reply.text = result->body;
  for (const auto& [name, value] : result->headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    reply.headers[lower] = value;
  }
  if (!reply.text.empty()) {
    reply.body = json::parse(reply.text, nullptr, false);
    if (reply.body.is_discarded()) reply.body = nullptr;
  }
  return reply;
}

std::unique_ptr<httplib::Client> make_client(int port, bool https) {
  auto client = std::make_unique<httplib::Client>((https ? "https://127.0.0.1:" : "http://127.0.0.1:") +
                                                  std::to_string(port));
  client->enable_server_certificate_verification(false);
  client->set_connection_timeout(3, 0);
  client->set_read_timeout(20, 0);
  client->set_write_timeout(20, 0);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);
  return client;
}

}  // namespace

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/parley-it-XXXXXX";
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

ServerProcess::ServerProcess(std::string db, std::string log_file, ClockMode clock)
    : db_(std::move(db)), log_file_(std::move(log_file)), clock_(clock) {}

ServerProcess::~ServerProcess() {
  if (running()) kill9();
}

void ServerProcess::use_tls(std::string cert, std::string key) {
  tls_cert_ = std::move(cert);
  tls_key_ = std::move(key);
}

bool ServerProcess::start() {
  if (running()) return true;
  // The environment of the child: ours without PARLEY_* (flags decide), plus the admin password.
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "PARLEY_", 7) != 0) env_text.emplace_back(*e);
  env_text.push_back(std::string("PARLEY_ADMIN_PASSWORD=") + kAdminPassword);
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    std::vector<std::string> args{server_binary(), "--listen", "127.0.0.1:" + std::to_string(port_), "--db", db_};
    if (clock_ == ClockMode::manual) args.insert(args.end(), {"--clock", "manual"});
    if (tls()) args.insert(args.end(), {"--tls-cert", tls_cert_, "--tls-key", tls_key_});
    if (!web_dir_.empty()) args.insert(args.end(), {"--web", web_dir_});
    args.insert(args.end(), extra_args_.begin(), extra_args_.end());
    std::vector<char*> argv, envp;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);
    const int log_fd = ::open(log_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(log_fd, 1);
      ::dup2(log_fd, 2);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(log_fd);
    if (pid_ < 0) return false;
    httplib::Client probe((tls() ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_));
    probe.enable_server_certificate_verification(false);
    probe.set_connection_timeout(0, 200000);
    probe.set_read_timeout(2, 0);
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    while (Clock::now() < deadline) {
      if (auto res = probe.Get("/livez"); res && res->status == 200) return true;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        exit_note_ = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                       : "killed by signal " + std::to_string(WTERMSIG(status));
        break;  // exited (port taken meanwhile?): try another port
      }
      sleep_ms(20);
    }
    if (running()) {
      kill9();
      return false;
    }
  }
  return false;
}

int ServerProcess::wait_exit(int timeout_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (Clock::now() >= deadline) return -1;
    sleep_ms(10);
  }
}

int ServerProcess::stop() {
  if (!running()) return -1;
  ::kill(pid_, SIGTERM);
  const int status = wait_exit(30000);
  if (status == -1) kill9();
  return status;
}

void ServerProcess::kill9() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string ServerProcess::log() const {
  std::ifstream in(log_file_);
  std::stringstream text;
  text << in.rdbuf();
  if (!exit_note_.empty()) text << "[parley-server: " << exit_note_ << "]\n";
  return text.str();
}


Finished run_server_to_exit(const std::vector<std::string>& args, int timeout_ms) {
  Finished out;
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return out;
  std::vector<std::string> argv_text{server_binary()};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "PARLEY_", 7) != 0) env_text.emplace_back(*e);
  env_text.push_back(std::string("PARLEY_ADMIN_PASSWORD=") + kAdminPassword);
  std::vector<char*> argv, envp;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fds[1], 1);
    ::dup2(pipe_fds[1], 2);
    ::close(pipe_fds[0]);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  ::fcntl(pipe_fds[0], F_SETFL, O_NONBLOCK);
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  int status = 0;
  bool exited = false;
  for (;;) {
    char buffer[4096];
    for (ssize_t got; (got = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) out.output.append(buffer, got);
    if (exited) break;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;  // one more read for what it wrote last
      continue;
    }
    if (Clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      ::close(pipe_fds[0]);
      return out;
    }
    sleep_ms(10);
  }
  ::close(pipe_fds[0]);
  out.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return out;
}

std::string Reply::code() const {
  if (body.is_object() && body.contains("error") && body["error"].is_object() && body["error"].contains("code") &&
      body["error"]["code"].is_string())
    return body["error"]["code"].get<std::string>();
  return "";
}

std::string Reply::header(const std::string& lower_name) const {
  const auto found = headers.find(lower_name);
  return found == headers.end() ? "" : found->second;
}

std::string Reply::describe() const { return std::to_string(status) + " " + text.substr(0, 400); }

Api::Api(int port, std::string token, bool https) : client_(make_client(port, https)), token_(std::move(token)) {}
Api::~Api() = default;
Api::Api(Api&&) noexcept = default;
Api& Api::operator=(Api&&) noexcept = default;

namespace {
httplib::Headers auth_headers(const std::string& token, const std::map<std::string, std::string>& extra = {}) {
  httplib::Headers headers(extra.begin(), extra.end());
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return headers;
}
}  // namespace

void Api::set_source_address(const std::string& ip) {
  client_->set_socket_options([ip](socket_t sock) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    ::inet_pton(AF_INET, ip.c_str(), &addr.sin_addr);
    ::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  });
}

void Api::set_header(const std::string& name, const std::string& value) {
  if (value.empty()) extra_headers_.erase(name);
  else extra_headers_[name] = value;
}

Reply Api::get(const std::string& path, const std::multimap<std::string, std::string>& params) const {
  httplib::Params p(params.begin(), params.end());
  return to_reply(client_->Get(path, p, auth_headers(token_, extra_headers_)));
}

Reply Api::post(const std::string& path, const json& body) const {
  return post_raw(path, body.dump());
}

Reply Api::put(const std::string& path, const json& body) const {
  return to_reply(client_->Put(path, auth_headers(token_, extra_headers_), body.dump(), "application/json"));
}

Reply Api::post_raw(const std::string& path, const std::string& body, const std::string& type) const {
  return to_reply(client_->Post(path, auth_headers(token_, extra_headers_), body, type));
}

Reply Api::remove(const std::string& path) const {
  return to_reply(client_->Delete(path, auth_headers(token_, extra_headers_)));
}

Reply Api::options(const std::string& path) const {
  return to_reply(client_->Options(path, auth_headers(token_, extra_headers_)));
}

Reply Api::login(const std::string& login, const std::string& password) const {
  return to_reply(client_->Post("/api/v1/auth/login", json{{"login", login}, {"password", password}}.dump(),
                                "application/json"));
}

bool Api::sign_in(const std::string& login_name, const std::string& password) {
  const Reply reply = login(login_name, password);
  if (reply.status != 200 || !reply.body.is_object() || !reply.body.contains("token")) return false;
  token_ = reply.body["token"].get<std::string>();
  return true;
}

std::string run_script(const Api& api, const std::string& jsonl) {
  std::istringstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json command = json::parse(line, nullptr, false);
    if (!command.is_object()) return "not a JSON object: " + line;
    if (command.contains("at")) {
      const Reply moved = api.set_clock(command["at"].get<std::string>());
      if (moved.status != 200) return "clock " + command["at"].dump() + ": " + moved.describe();
      command.erase("at");
    }
    const Reply reply = api.command(command);
    if (reply.status != 200) return line + " -> " + reply.describe();
  }
  return "";
}

Running::Running(ClockMode clock, std::vector<std::string> args)
    : server(dir.file("desk.db"), dir.file("server.log"), clock), admin(0) {
  server.add_args(std::move(args));
  if (!server.start()) throw std::runtime_error("parley-server did not start:\n" + server.log());
  admin = Api(server.port());
  if (!admin.sign_in("admin", kAdminPassword)) throw std::runtime_error("admin login failed:\n" + server.log());
}

RoleLogins::RoleLogins(Running& desk)
    : ann(desk.user("ann", {"operator"}, "ann")),
      sue(desk.user("sue", {"supervisor"}, "sue")),
      rita(desk.user("rita", {"reader"}, "rita")),
      zed(desk.user("zed", {"operator"}, "zed")),
      nobody(desk.server.port()),
      forged(desk.server.port(), std::string(64, 'a')) {}

void Running::restart() {
  const int status = server.stop();
  if (status != 0) throw std::runtime_error("SIGTERM exit status " + std::to_string(status) + "\n" + server.log());
  if (!server.start()) throw std::runtime_error("parley-server did not restart:\n" + server.log());
  admin = Api(server.port(), admin.token());
}

Api Running::user(const std::string& login, const json& roles, const std::string& agent) {
  const std::string password = login + "-password";
  const Reply made = admin.post("/api/v1/users", json{{"login", login}, {"password", password}, {"roles", roles},
                                                       {"agent", agent}});
  if (made.status != 201) throw std::runtime_error("POST /api/v1/users " + login + ": " + made.describe());
  Api api(server.port());
  if (!api.sign_in(login, password)) throw std::runtime_error("login " + login + " failed");
  return api;
}

StreamResult read_sse(int port, const std::string& path, const std::map<std::string, std::string>& headers,
                      const EnoughEvents& enough, int timeout_ms, const std::function<void()>& opened) {
  StreamResult out;
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(3, 0);
  client.set_read_timeout(timeout_ms / 1000, (timeout_ms % 1000) * 1000);
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  std::string buffer;
  bool first = true;
  auto result = client.Get(
      path, httplib::Headers(headers.begin(), headers.end()),
      [&](const httplib::Response& res) {
        out.status = res.status;
        return res.status == 200;
      },
      [&](const char* data, size_t size) {
        if (first && opened) opened();
        first = false;
        buffer.append(data, size);
        for (auto end = buffer.find("\n\n"); end != std::string::npos; end = buffer.find("\n\n")) {
          const std::string frame = buffer.substr(0, end);
          buffer.erase(0, end + 2);
          SseEvent event;
          bool has_data = false;
          std::istringstream lines(frame);
          for (std::string l; std::getline(lines, l);) {
            if (l.rfind("id: ", 0) == 0) event.id = std::stoull(l.substr(4));
            else if (l.rfind("event: ", 0) == 0) event.type = l.substr(7);
            else if (l.rfind("data: ", 0) == 0) event.data += l.substr(6), has_data = true;
          }
          if (has_data) out.events.push_back(std::move(event));
        }
        return !enough(out.events) && Clock::now() < deadline;
      });
  if (out.status == 0 && result) out.status = result->status;
  return out;
}

StreamResult read_stream(int port, const std::string& token, std::optional<std::uint64_t> last_event_id,
                         const EnoughEvents& enough, int timeout_ms) {
  std::map<std::string, std::string> headers;
  if (!token.empty()) headers["Authorization"] = "Bearer " + token;
  if (last_event_id) headers["Last-Event-ID"] = std::to_string(*last_event_id);
  return read_sse(port, "/api/v1/stream", headers, enough, timeout_ms);
}

std::optional<std::int64_t> parse_utc_ms(const std::string& t) {
  // YYYY-MM-DDTHH:MM:SS then optional .digits then Z
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':') return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) -> int {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  const int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), s = num(17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
    return std::nullopt;
  std::size_t i = 19;
  int ms = 0, digits = 0;
  if (t[i] == '.') {
    for (++i; i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])); ++i, ++digits)
      if (digits < 3) ms = ms * 10 + (t[i] - '0');
    if (digits == 0) return std::nullopt;
    for (int k = digits; k < 3; ++k) ms *= 10;
  }
  if (i + 1 != t.size() || t[i] != 'Z') return std::nullopt;
  // days from civil (Howard Hinnant)
  const int yy = y - (mo <= 2);
  const int era = yy / 400;
  const int yoe = yy - era * 400;
  const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
  return ((days * 24 + h) * 60 + mi) * 60000LL + s * 1000LL + ms;
}

std::string webhook_signature(const std::string& secret, const std::string& timestamp, const std::string& body) {
  const std::string data = timestamp + "." + body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), digest, &size);
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) out += {digits[digest[i] >> 4], digits[digest[i] & 15]};
  return out;
}

}  // namespace parley_test
