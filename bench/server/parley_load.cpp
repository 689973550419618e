// parley-load: a loopback load generator for parley-server (a benchmark, not a test).
//
//   parley-load --port P --admin-password PW --server-pid PID --floor-dir DIR [options]
//
// Runs, in one process and one run, against a fresh server: setup (N groups, agents, chats and agent
// logins), then acknowledged customer messages/s (closed loop) and ack latency at a fixed rate (open
// loop), small authenticated GETs/s, server RSS with 0 / N / 2N open SSE streams, delivery latency
// send → agent stream with N streams at a fixed rate, a reconnect storm, and what idle connections cost
// (server CPU and /livez latency with 0, 200 and 3 000 idle connections, 300 from one address). Each phase has its floor
// measured right before it in the same run: a bare SQLite commit with the server's settings (WAL,
// synchronous=FULL, one 100-byte row per transaction) in the database's directory, and a bare loopback
// HTTP round trip to a trivial cpp-httplib server in this process. Prints a Markdown table on stdout,
// progress on stderr.
// Loopback only; every phase is bounded in time and count, and a watchdog ends the process.
//
// The load itself uses plain blocking sockets (one HTTP/1.1 keep-alive connection per thread, one
// send() per request, TCP_NODELAY) and one epoll thread for all SSE streams; the floor server is
// cpp-httplib with keep-alive and TCP_NODELAY, measured with the same client code.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sqlite3.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

void log(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void log(const char* fmt, ...) {
  static const std::int64_t start = now_ns();
  std::fprintf(stderr, "[parley-load %7.1fs] ", static_cast<double>(now_ns() - start) / 1e9);
  va_list args;
  va_start(args, fmt);
  std::vfprintf(stderr, fmt, args);
  va_end(args);
  std::fputc('\n', stderr);
}

[[noreturn]] void die(const std::string& message) {
  log("FATAL: %s", message.c_str());
  std::exit(1);
}

// ---------------------------------------------------------------------------------------------
// Latency samples

struct Samples {
  std::vector<std::int64_t> ns;
  void add(std::int64_t v) { ns.push_back(v); }
  void merge(const Samples& o) { ns.insert(ns.end(), o.ns.begin(), o.ns.end()); }
  std::size_t count() const { return ns.size(); }
  double pct_us(double p) {
    if (ns.empty()) return NAN;
    std::sort(ns.begin(), ns.end());
    const std::size_t i = std::min(ns.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ns.size())));
    return static_cast<double>(ns[i]) / 1e3;
  }
};

std::string fmt_us(double us) {
  char out[32];
  if (std::isnan(us)) return "–";
  if (us < 1000) std::snprintf(out, sizeof out, "%.0f µs", us);
  else std::snprintf(out, sizeof out, "%.2f ms", us / 1000);
  return out;
}

std::string p50_p99(Samples& s) { return fmt_us(s.pct_us(0.50)) + " / " + fmt_us(s.pct_us(0.99)); }

std::string fmt_rate(double r) {
  char out[32];
  std::snprintf(out, sizeof out, "%.0f/s", r);
  return out;
}

// ---------------------------------------------------------------------------------------------
// A blocking HTTP/1.1 keep-alive client connection on loopback.

// The n-th of the loopback source addresses 127.0.<block + n / 250>.<1 + n % 250>.
std::string loopback_address(int block, int n) {
  return "127.0." + std::to_string(block + n / 250) + "." + std::to_string(1 + n % 250);
}

// Connects from `source` (a loopback address; "" picks the next of 2 000 in turn: the server limits
// connections per client address, and real agents do not share one).
int connect_loopback(int port, bool blocking = true, const std::string& source = "") {
  static std::atomic<int> next_source{0};
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  timeval tv{15, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  ::inet_pton(AF_INET, (source.empty() ? loopback_address(1, next_source++ % 2000) : source).c_str(), &local.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    ::close(fd);
    return -1;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  if (!blocking) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

bool send_all(int fd, const std::string& data) {
  std::size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Response {
  int status = 0;
  std::string body;
};

std::string make_request(const std::string& method, const std::string& path, const std::string& token,
                         const std::string& body = "") {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!token.empty()) r += "Authorization: Bearer " + token + "\r\n";
  if (!body.empty() || method == "POST")
    r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  r += "\r\n";
  r += body;
  return r;
}

class Conn {
 public:
  explicit Conn(int port) : port_(port) {}
  ~Conn() { close(); }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  bool open() {
    close();
    fd_ = connect_loopback(port_);
    return fd_ >= 0;
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buf_.clear();
  }
  // One request, one response; reconnects once if the connection was closed.
  bool roundtrip(const std::string& request, Response& out) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (fd_ < 0 && !open()) return false;
      if (send_all(fd_, request) && read_response(out)) return true;
      close();
    }
    return false;
  }
  Response call(const std::string& method, const std::string& path, const std::string& token,
                const std::string& body = "") {
    Response r;
    if (!roundtrip(make_request(method, path, token, body), r)) r.status = -1;
    return r;
  }

 private:
  bool fill() {
    char tmp[65536];
    const ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf_.append(tmp, static_cast<std::size_t>(n));
    return true;
  }
  bool read_response(Response& out) {
    std::size_t hend;
    while ((hend = buf_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return false;
    if (buf_.size() < 12 || buf_.compare(0, 5, "HTTP/") != 0) return false;
    out.status = std::atoi(buf_.c_str() + 9);
    const std::string head = lower(buf_.substr(0, hend + 2));
    bool close_after = head.find("\r\nconnection: close\r\n") != std::string::npos;
    std::size_t pos = hend + 4;
    out.body.clear();
    if (const auto cl = head.find("\r\ncontent-length:"); cl != std::string::npos) {
      const std::size_t len = std::strtoull(head.c_str() + cl + 17, nullptr, 10);
      while (buf_.size() < pos + len)
        if (!fill()) return false;
      out.body.assign(buf_, pos, len);
      buf_.erase(0, pos + len);
    } else if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
      for (;;) {
        std::size_t eol;
        while ((eol = buf_.find("\r\n", pos)) == std::string::npos)
          if (!fill()) return false;
        const std::size_t size = std::strtoull(buf_.c_str() + pos, nullptr, 16);
        pos = eol + 2;
        while (buf_.size() < pos + size + 2)
          if (!fill()) return false;
        out.body.append(buf_, pos, size);
        pos += size + 2;
        if (size == 0) break;
      }
      buf_.erase(0, pos);
    } else {
      buf_.erase(0, pos);
    }
    if (close_after) close();
    return true;
  }

  int port_;
  int fd_ = -1;
  std::string buf_;
};

// Runs fn(conn, i) for i in [0, n) on `workers` threads, each with its own keep-alive connection.
void parallel_for(int port, int n, int workers, const std::function<void(Conn&, int)>& fn) {
  std::atomic<int> next{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([&] {
      Conn conn(port);
      for (int i; (i = next++) < n;) fn(conn, i);
    });
  for (auto& t : threads) t.join();
}

// Minimal JSON string field extraction (the generator only reads tokens and numbers back).
std::string json_string_field(const std::string& body, const std::string& key) {
  const std::string needle = "\"" + key + "\":\"";
  const auto at = body.find(needle);
  if (at == std::string::npos) return {};
  const auto end = body.find('"', at + needle.size());
  return body.substr(at + needle.size(), end - at - needle.size());
}

// ---------------------------------------------------------------------------------------------
// The server's /metrics and /proc

std::map<std::string, double> scrape_metrics(int port) {
  Conn conn(port);
  const Response r = conn.call("GET", "/metrics", "");
  std::map<std::string, double> out;
  if (r.status != 200) log("warning: GET /metrics failed (%d): the server refused a new connection", r.status);
  std::istringstream in(r.body);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto sp = line.rfind(' ');
    if (sp == std::string::npos) continue;
    out[line.substr(0, sp)] = std::strtod(line.c_str() + sp + 1, nullptr);
  }
  return out;
}

struct ProcStatus {
  double rss_mb = NAN;
  long threads = -1;
};

// User and system CPU seconds of a whole process (all threads), from /proc/PID/stat.
std::pair<double, double> cpu_seconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto paren = text.rfind(')');
  if (paren == std::string::npos) return {NAN, NAN};
  std::istringstream fields(text.substr(paren + 2));
  std::string f;
  double user = 0, sys = 0;
  for (int i = 3; fields >> f; ++i) {
    if (i == 14) user = std::strtod(f.c_str(), nullptr);
    if (i == 15) {
      sys = std::strtod(f.c_str(), nullptr);
      break;
    }
  }
  const double tick = static_cast<double>(::sysconf(_SC_CLK_TCK));
  return {user / tick, sys / tick};
}

// Server CPU spent between two cpu_seconds() readings, per operation, in µs (user + sys).
struct CpuPer {
  double user_us = NAN, sys_us = NAN;
  std::string text() const {
    char out[64];
    std::snprintf(out, sizeof out, "%.0f µs (%.0f user + %.0f sys)", user_us + sys_us, user_us, sys_us);
    return out;
  }
};
CpuPer cpu_per(std::pair<double, double> before, std::pair<double, double> after, double ops) {
  if (ops <= 0) return {};
  return {(after.first - before.first) * 1e6 / ops, (after.second - before.second) * 1e6 / ops};
}

ProcStatus proc_status(int pid) {
  ProcStatus s;
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) s.rss_mb = std::strtod(line.c_str() + 6, nullptr) / 1024.0;
    if (line.rfind("Threads:", 0) == 0) s.threads = std::strtol(line.c_str() + 8, nullptr, 10);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Closed-loop load: `conns` threads, each on its own keep-alive connection, for `seconds`.

struct LoadResult {
  std::uint64_t ok = 0, failed = 0;
  double seconds = 0;
  Samples latency;
  std::map<int, std::uint64_t> statuses;
  double rate() const { return static_cast<double>(ok) / seconds; }
};

// make(thread, n) builds the n-th request of a thread.
LoadResult closed_loop(int port, int conns, double seconds, std::uint64_t max_per_conn,
                       const std::function<std::string(int, std::uint64_t)>& make) {
  std::vector<LoadResult> per(static_cast<std::size_t>(conns));
  std::vector<std::unique_ptr<Conn>> connections;
  for (int c = 0; c < conns; ++c) {
    connections.push_back(std::make_unique<Conn>(port));
    if (!connections.back()->open()) die("cannot connect to port " + std::to_string(port));
  }
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  std::int64_t deadline = 0;
  for (int c = 0; c < conns; ++c)
    threads.emplace_back([&, c] {
      LoadResult& r = per[static_cast<std::size_t>(c)];
      r.latency.ns.reserve(1 << 16);
      Conn& conn = *connections[static_cast<std::size_t>(c)];
      ++ready;
      while (!go) std::this_thread::yield();
      Response res;
      for (std::uint64_t n = 0; n < max_per_conn; ++n) {
        const std::string request = make(c, n);
        const std::int64_t t0 = now_ns();
        if (t0 >= deadline) break;
        const bool done = conn.roundtrip(request, res);
        const std::int64_t t1 = now_ns();
        if (done && res.status >= 200 && res.status < 300) {
          ++r.ok;
          r.latency.add(t1 - t0);
        } else {
          ++r.failed;
          ++r.statuses[done ? res.status : -1];
        }
      }
    });
  while (ready < conns) std::this_thread::yield();
  const std::int64_t start = now_ns();
  deadline = start + static_cast<std::int64_t>(seconds * 1e9);
  go = true;
  for (auto& t : threads) t.join();
  LoadResult total;
  total.seconds = static_cast<double>(now_ns() - start) / 1e9;
  for (auto& r : per) {
    total.ok += r.ok;
    total.failed += r.failed;
    total.latency.merge(r.latency);
    for (auto [k, v] : r.statuses) total.statuses[k] += v;
  }
  return total;
}

std::string describe_failures(const LoadResult& r) {
  if (!r.failed) return "";
  std::string out = " (" + std::to_string(r.failed) + " failed:";
  for (auto [k, v] : r.statuses) out += " " + std::to_string(k) + "×" + std::to_string(v);
  return out + ")";
}

// Open loop: `rate` requests/s for `seconds`, spread over `conns` keep-alive connections (request k on
// connection k % conns, due at start + k / rate). Latency counts from the due time, so a connection
// still waiting for its previous answer shows up as latency (no coordinated omission).
struct OpenLoopResult {
  std::uint64_t ok = 0, failed = 0;
  Samples latency;
  double max_lag_ms = 0;  // how late a request went out after its due time
};

// make(k, send_ns) builds request k.
OpenLoopResult open_loop(int port, double rate, double seconds, int conns,
                         const std::function<std::string(std::int64_t, std::int64_t)>& make) {
  std::vector<Samples> lat(static_cast<std::size_t>(conns));
  std::atomic<std::uint64_t> ok{0}, failed{0};
  std::atomic<std::int64_t> worst_lag{0};
  std::vector<std::unique_ptr<Conn>> connections;
  for (int c = 0; c < conns; ++c) {
    connections.push_back(std::make_unique<Conn>(port));
    if (!connections.back()->open()) die("open loop: cannot connect");
  }
  const std::int64_t period = static_cast<std::int64_t>(1e9 / rate);
  const std::int64_t total = static_cast<std::int64_t>(rate * seconds);
  const std::int64_t start = now_ns() + 100'000'000;
  std::vector<std::thread> senders;
  for (int c = 0; c < conns; ++c)
    senders.emplace_back([&, c] {
      Conn& conn = *connections[static_cast<std::size_t>(c)];
      Response res;
      for (std::int64_t k = c; k < total; k += conns) {
        const std::int64_t due = start + k * period;
        std::this_thread::sleep_until(Clock::time_point(std::chrono::nanoseconds(due)));
        const std::int64_t t = now_ns();
        std::int64_t seen = worst_lag.load();
        while (t - due > seen && !worst_lag.compare_exchange_weak(seen, t - due)) {}
        const std::string request = make(k, t);
        if (conn.roundtrip(request, res) && res.status >= 200 && res.status < 300) {
          lat[static_cast<std::size_t>(c)].add(now_ns() - due);
          ++ok;
        } else {
          ++failed;
        }
      }
    });
  for (auto& t : senders) t.join();
  OpenLoopResult out;
  out.ok = ok;
  out.failed = failed;
  for (auto& l : lat) out.latency.merge(l);
  out.max_lag_ms = static_cast<double>(worst_lag.load()) / 1e6;
  return out;
}

// ---------------------------------------------------------------------------------------------
// SSE streams: one epoll thread reads every stream, decodes chunked transfer and SSE frames, and
// records send → arrival latency for events whose text carries "lat:<send time in ns>".

class Streams {
 public:
  Streams() : ep_(::epoll_create1(EPOLL_CLOEXEC)) {
    reader_ = std::thread([this] { run(); });
  }
  ~Streams() {
    stop_ = true;
    reader_.join();
    close_all();
    ::close(ep_);
  }

  struct Opened {
    std::vector<std::size_t> ids;
    int set = 0;
    int ready = 0;           // streams whose 200 headers arrived
    int failed = 0;          // streams refused or closed before their headers
    double seconds = 0;      // until the last one was ready (or the timeout)
    int slow_connects = 0;   // connect() calls that took over 0.5 s (a dropped SYN is retried after 1 s)
    Samples connect;         // connect() durations
  };
  // Opens one stream per token with `openers` threads; at most `window` streams may be waiting for
  // their response headers (window 4 with one opener never overflows cpp-httplib's listen backlog of 5).
  Opened open(int port, const std::vector<std::string>& tokens, std::uint64_t last_event_id, int openers, int window,
              double timeout_s) {
    Opened out;
    const std::int64_t start = now_ns(), deadline = start + static_cast<std::int64_t>(timeout_s * 1e9);
    const int set = out.set = next_set_++;
    auto settled = [&] { return headers_ok_[set].load() + failed_[set].load(); };
    std::atomic<int> next{0}, sent{0};
    std::mutex out_mutex;
    std::vector<std::thread> threads;
    for (int t = 0; t < openers; ++t)
      threads.emplace_back([&] {
        for (int i; (i = next++) < static_cast<int>(tokens.size());) {
          while (sent.load() - settled() >= window && now_ns() < deadline)
            std::this_thread::sleep_for(std::chrono::microseconds(100));
          if (now_ns() >= deadline) return;
          const std::int64_t c0 = now_ns();
          const int fd = connect_loopback(port);
          const std::int64_t took = now_ns() - c0;
          if (fd < 0) die("streams: cannot connect");
          std::string path = "/api/v1/stream?access_token=" + tokens[static_cast<std::size_t>(i)];
          if (last_event_id) path += "&last_event_id=" + std::to_string(last_event_id);
          if (!send_all(fd, make_request("GET", path, ""))) die("streams: cannot send");
          ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
          ++sent;
          {
            std::lock_guard lock(out_mutex);
            out.connect.add(took);
            if (took > 500'000'000) ++out.slow_connects;
          }
          std::lock_guard lock(mutex_);
          auto s = std::make_unique<Stream>();
          s->fd = fd;
          s->set = set;
          epoll_event ev{};
          ev.events = EPOLLIN | EPOLLRDHUP;
          ev.data.ptr = s.get();
          ::epoll_ctl(ep_, EPOLL_CTL_ADD, fd, &ev);
          {
            std::lock_guard lock2(out_mutex);
            out.ids.push_back(streams_.size());
          }
          streams_.push_back(std::move(s));
        }
      });
    for (auto& t : threads) t.join();
    while (settled() < static_cast<int>(out.ids.size()) && now_ns() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    out.ready = headers_ok_[set].load();
    out.failed = failed_[set].load();
    out.seconds = static_cast<double>(now_ns() - start) / 1e9;
    return out;
  }

  void close(const std::vector<std::size_t>& ids) {
    std::lock_guard lock(mutex_);
    for (std::size_t id : ids) close_locked(*streams_[id]);
  }
  void close_all() {
    std::lock_guard lock(mutex_);
    for (auto& s : streams_) close_locked(*s);
  }

  // Latencies recorded since the last call, and the count of tagged events.
  Samples take_latencies() {
    std::lock_guard lock(mutex_);
    Samples out;
    out.ns.swap(latency_.ns);
    return out;
  }
  std::uint64_t tagged() const { return tagged_.load(); }
  // Streams of a set that were refused or closed by the server so far (before or after their headers).
  int failed(int set) const { return failed_[set].load() + closed_after_open_[set].load(); }

 private:
  struct Stream {
    int fd = -1;
    int set = 0;
    bool headers = false;
    std::string raw;  // undecoded bytes
    std::string sse;  // decoded SSE text
  };

  void close_locked(Stream& s) {
    if (s.fd < 0) return;
    ::epoll_ctl(ep_, EPOLL_CTL_DEL, s.fd, nullptr);
    ::close(s.fd);
    s.fd = -1;
  }

  void run() {
    epoll_event events[256];
    char tmp[65536];
    while (!stop_) {
      const int n = ::epoll_wait(ep_, events, 256, 50);
      if (n <= 0) continue;
      const std::int64_t arrived = now_ns();
      std::lock_guard lock(mutex_);
      for (int i = 0; i < n; ++i) {
        Stream& s = *static_cast<Stream*>(events[i].data.ptr);
        if (s.fd < 0) continue;
        for (;;) {
          const ssize_t got = ::recv(s.fd, tmp, sizeof tmp, 0);
          if (got > 0) {
            s.raw.append(tmp, static_cast<std::size_t>(got));
            continue;
          }
          if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
            ++(s.headers ? closed_after_open_[s.set] : failed_[s.set]);
            close_locked(s);
          }
          break;
        }
        parse(s, arrived);
      }
    }
  }

  void parse(Stream& s, std::int64_t arrived) {
    if (!s.headers) {
      const auto hend = s.raw.find("\r\n\r\n");
      if (hend == std::string::npos) return;
      if (s.raw.compare(0, 12, "HTTP/1.1 200") != 0) {
        if (refusals_logged_++ < 5) log("stream refused: %s", s.raw.substr(0, s.raw.find("\r\n")).c_str());
        ++failed_[s.set];
        close_locked(s);
        return;
      }
      s.headers = true;
      s.raw.erase(0, hend + 4);
      ++headers_ok_[s.set];
    }
    std::size_t pos = 0;
    for (;;) {
      const auto eol = s.raw.find("\r\n", pos);
      if (eol == std::string::npos) break;
      const std::size_t size = std::strtoull(s.raw.c_str() + pos, nullptr, 16);
      if (s.raw.size() < eol + 2 + size + 2) break;
      s.sse.append(s.raw, eol + 2, size);
      pos = eol + 2 + size + 2;
    }
    s.raw.erase(0, pos);
    std::size_t start = 0;
    for (;;) {
      const auto end = s.sse.find("\n\n", start);
      if (end == std::string::npos) break;
      const auto tag = s.sse.find("lat:", start);
      if (tag != std::string::npos && tag < end) {
        const std::int64_t sent = std::strtoll(s.sse.c_str() + tag + 4, nullptr, 10);
        latency_.add(arrived - sent);
        ++tagged_;
      }
      start = end + 2;
    }
    s.sse.erase(0, start);
  }

  int ep_;
  std::thread reader_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<std::unique_ptr<Stream>> streams_;
  static constexpr int kSets = 8;
  int next_set_ = 0, refusals_logged_ = 0;
  std::atomic<int> headers_ok_[kSets] = {}, failed_[kSets] = {}, closed_after_open_[kSets] = {};
  std::atomic<std::uint64_t> tagged_{0};
  Samples latency_;
};

// ---------------------------------------------------------------------------------------------
// Floors

struct HttpFloor {
  Samples one_conn;           // sequential round trips on one connection
  LoadResult eight;           // closed loop on `get_conns` connections
  double one_conn_rate = 0;
};

HttpFloor http_floor(int get_conns, double seconds) {
  httplib::Server server;
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1000000);
  // About the size of an agent stats answer.
  const std::string body =
      R"({"status":"online","status_since":"2026-01-05T09:00:00Z","first_online":"2026-01-05T09:00:00Z",)"
      R"("total_ms":3600000,"online_ms":3600000,"dnd_ms":0,"offline_ms":0,"closed":0,"missed":0,"on_hold":0,"active":1})";
  server.Get("/stats", [&](const httplib::Request&, httplib::Response& res) { res.set_content(body, "application/json"); });
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) die("floor server cannot bind");
  std::thread t([&] { server.listen_after_bind(); });
  server.wait_until_ready();
  const std::string request = make_request("GET", "/stats", std::string(64, 'f'));
  HttpFloor out;
  {
    Conn conn(port);
    Response res;
    conn.roundtrip(request, res);  // warm up
    const std::int64_t start = now_ns(), deadline = start + static_cast<std::int64_t>(seconds / 2 * 1e9);
    while (now_ns() < deadline) {
      const std::int64_t t0 = now_ns();
      if (!conn.roundtrip(request, res) || res.status != 200) die("floor server failed");
      out.one_conn.add(now_ns() - t0);
    }
    out.one_conn_rate = static_cast<double>(out.one_conn.count()) / (static_cast<double>(now_ns() - start) / 1e9);
  }
  out.eight = closed_loop(port, get_conns, seconds, UINT64_MAX, [&](int, std::uint64_t) { return request; });
  server.stop();
  t.join();
  return out;
}

struct SqliteFloor {
  Samples commit;  // one 100-byte row per transaction
  double commits_per_s = 0;
  double batched_rows_per_s = 0;
  int batch = 0;
};

void sql(sqlite3* db, const char* text) {
  char* error = nullptr;
  if (sqlite3_exec(db, text, nullptr, nullptr, &error) != SQLITE_OK) die(std::string("sqlite: ") + (error ? error : "?"));
}

SqliteFloor sqlite_floor(const std::string& dir, double seconds, int batch) {
  const std::string path = dir + "/parley-load-floor.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) die("sqlite: cannot open " + path);
  // The server's settings and its event table.
  sql(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
          "CREATE TABLE events (seq INTEGER PRIMARY KEY, body TEXT NOT NULL);");
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO events(body) VALUES(?)", -1, &insert, nullptr);
  const std::string row(100, 'x');
  auto add_row = [&] {
    sqlite3_bind_text(insert, 1, row.data(), static_cast<int>(row.size()), SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) die("sqlite: insert failed");
    sqlite3_reset(insert);
  };
  SqliteFloor out;
  out.batch = batch;
  std::int64_t start = now_ns(), deadline = start + static_cast<std::int64_t>(seconds / 2 * 1e9);
  while (now_ns() < deadline && out.commit.count() < 100000) {
    const std::int64_t t0 = now_ns();
    sql(db, "BEGIN IMMEDIATE");
    add_row();
    sql(db, "COMMIT");
    out.commit.add(now_ns() - t0);
  }
  out.commits_per_s = static_cast<double>(out.commit.count()) / (static_cast<double>(now_ns() - start) / 1e9);
  std::uint64_t rows = 0;
  start = now_ns();
  deadline = start + static_cast<std::int64_t>(seconds / 2 * 1e9);
  while (now_ns() < deadline) {
    sql(db, "BEGIN IMMEDIATE");
    for (int i = 0; i < batch; ++i) add_row();
    sql(db, "COMMIT");
    rows += static_cast<std::uint64_t>(batch);
  }
  out.batched_rows_per_s = static_cast<double>(rows) / (static_cast<double>(now_ns() - start) / 1e9);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  return out;
}

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Idle connections: `count` connections that send nothing, spread over `addresses` source addresses,
// held open while /livez is timed from another address and the server's CPU is read.

struct IdleResult {
  int asked = 0, open = 0, refused = 0;  // refused: answered or closed by the server within a second
  double cpu_cores = NAN;                // server CPU (user + sys) over the window, in cores
  Samples livez;                         // /livez round trips, a fresh connection each, meanwhile
};

IdleResult idle_connections(int port, int pid, int count, int addresses, double seconds) {
  IdleResult out;
  out.asked = count;
  std::vector<int> fds;
  for (int i = 0; i < count; ++i) {
    const int fd = connect_loopback(port, false, loopback_address(addresses == 1 ? 30 : 9, i % addresses));
    if (fd >= 0) fds.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  auto still_open = [](int fd) {
    char byte;
    const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  };
  for (const int fd : fds) (still_open(fd) ? out.open : out.refused)++;
  const auto c0 = cpu_seconds(pid);
  const std::int64_t start = now_ns(), end = start + static_cast<std::int64_t>(seconds * 1e9);
  const std::string livez = make_request("GET", "/livez", "");
  while (now_ns() < end) {
    Conn conn(port);
    Response res;
    const std::int64_t t0 = now_ns();
    if (conn.roundtrip(livez, res) && res.status == 200) out.livez.add(now_ns() - t0);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto c1 = cpu_seconds(pid);
  out.cpu_cores = (c1.first + c1.second - c0.first - c0.second) / (static_cast<double>(now_ns() - start) / 1e9);
  int lasted = 0;
  for (const int fd : fds) lasted += still_open(fd);
  if (lasted < out.open) log("idle: only %d of %d connections lasted the window", lasted, out.open);
  for (const int fd : fds) ::close(fd);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  return out;
}

void print_idle_rows(int port, int pid, double seconds) {
  struct Run {
    int count, addresses;
  };
  const Run runs[] = {{0, 1}, {200, 200}, {3000, 3000}, {300, 1}};
  std::vector<IdleResult> results;
  for (const Run& run : runs) {
    log("idle: %d idle connections from %d address(es), %.0f s window", run.count, run.addresses, seconds);
    results.push_back(idle_connections(port, pid, run.count, run.addresses, seconds));
    IdleResult& r = results.back();
    log("idle: %d open, %d refused; server CPU %.3f cores; /livez p50/p99 %s", r.open, r.refused, r.cpu_cores,
        p50_p99(r.livez).c_str());
  }
  IdleResult& floor = results[0];
  char line[1024];
  std::printf("\n| Idle connections (none send a byte) | Open / refused | Server CPU, cores | /livez from another address, p50 / p99 | p50 / p99 ÷ floor |\n|---|---|---|---|---|\n");
  for (std::size_t i = 0; i < results.size(); ++i) {
    IdleResult& r = results[i];
    std::snprintf(line, sizeof line, "| %s | %d / %d | %.3f | %s | %s |\n",
                  i == 0 ? "none (the floor)"
                         : (std::to_string(r.asked) + (runs[i].addresses == 1 ? " from one address" : " from as many addresses")).c_str(),
                  r.open, r.refused, r.cpu_cores, p50_p99(r.livez).c_str(),
                  i == 0 ? "1 / 1"
                         : (std::to_string(r.livez.pct_us(0.5) / floor.livez.pct_us(0.5)).substr(0, 4) + " / " +
                            std::to_string(r.livez.pct_us(0.99) / floor.livez.pct_us(0.99)).substr(0, 4)).c_str());
    std::fputs(line, stdout);
  }
}

struct Options {
  int port = 0;
  std::string admin_password;
  int server_pid = 0;
  std::string floor_dir = "/tmp";
  int agents = 1000;
  bool agent_logins = true;  // else every stream uses the admin's token (it then sees every event)
  int ack_conns = 64;
  double ack_seconds = 5;
  double rate = 1000;
  double ack_rate = 5000;
  double delivery_seconds = 10;
  int send_conns = 8;
  int get_conns = 8;
  double get_seconds = 5;
  double floor_seconds = 3;
  double idle_seconds = 4;  // under the server's 10 s keep-alive timeout, which closes idle connections
  int limit_seconds = 1800;
  std::string only;  // "acks", "gets" or "idle": just that phase (for profiling), no floors, no agent logins
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value for " + flag);
      return argv[++i];
    };
    if (flag == "--port") o.port = std::stoi(value());
    else if (flag == "--admin-password") o.admin_password = value();
    else if (flag == "--server-pid") o.server_pid = std::stoi(value());
    else if (flag == "--floor-dir") o.floor_dir = value();
    else if (flag == "--agents") o.agents = std::stoi(value());
    else if (flag == "--stream-logins") o.agent_logins = value() != "admin";
    else if (flag == "--ack-conns") o.ack_conns = std::stoi(value());
    else if (flag == "--ack-seconds") o.ack_seconds = std::stod(value());
    else if (flag == "--rate") o.rate = std::stod(value());
    else if (flag == "--ack-rate") o.ack_rate = std::stod(value());
    else if (flag == "--delivery-seconds") o.delivery_seconds = std::stod(value());
    else if (flag == "--send-conns") o.send_conns = std::stoi(value());
    else if (flag == "--get-conns") o.get_conns = std::stoi(value());
    else if (flag == "--get-seconds") o.get_seconds = std::stod(value());
    else if (flag == "--floor-seconds") o.floor_seconds = std::stod(value());
    else if (flag == "--limit-seconds") o.limit_seconds = std::stoi(value());
    else if (flag == "--idle-seconds") o.idle_seconds = std::stod(value());
    else if (flag == "--only") o.only = value();
    else {
      std::fprintf(stderr,
                   "usage: parley-load --port P --admin-password PW --server-pid PID [--floor-dir DIR]\n"
                   "  [--agents 1000] [--stream-logins agent|admin] [--ack-conns 64] [--ack-seconds 5] [--ack-rate 5000]\n"
                   "  [--rate 1000] [--delivery-seconds 10] [--send-conns 8] [--get-conns 8] [--get-seconds 5]\n"
                   "  [--floor-seconds 3] [--idle-seconds 4] [--limit-seconds 1800] [--only acks|gets|idle]\n");
      std::exit(2);
    }
  }
  if (!o.port || o.admin_password.empty() || !o.server_pid) die("--port, --admin-password and --server-pid are required");
  return o;
}

std::string message_body(const std::string& chat, const std::string& text, const std::string& id) {
  return R"({"type":"message.send","chat":")" + chat + R"(","from":"client","text":")" + text + R"(","message":")" +
         id + "\"}";
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  std::thread([limit = o.limit_seconds] {
    std::this_thread::sleep_for(std::chrono::seconds(limit));
    log("FATAL: watchdog: still running after %d s, giving up", limit);
    std::_Exit(3);
  }).detach();
  const int port = o.port;
  const int N = o.agents;

  // ---- floors
  // Floors are measured right before the phase they belong to (this disk's fsync time drifts over minutes).
  auto commit_floor = [&](const char* phase) {
    if (!o.only.empty()) return SqliteFloor{};
    SqliteFloor f = sqlite_floor(o.floor_dir, o.floor_seconds, 64);
    log("floor before %s: SQLite commit in %s (WAL, synchronous=FULL, one 100-byte row per transaction): %s, p50/p99 %s",
        phase, o.floor_dir.c_str(), fmt_rate(f.commits_per_s).c_str(), p50_p99(f.commit).c_str());
    return f;
  };

  if (o.only == "idle") {
    print_idle_rows(port, o.server_pid, o.idle_seconds);
    return 0;
  }

  // ---- setup: N groups g<i>, agents a<i> (operator, online, member of g<i> only), chats c<i> started by
  // the client in g<i>, and a login u<i> per agent. A message in c<i> is seen by a<i>'s streams only.
  Conn admin(port);
  const Response login = admin.call("POST", "/api/v1/auth/login", "",
                                    R"({"login":"admin","password":")" + o.admin_password + "\"}");
  const std::string admin_token = json_string_field(login.body, "token");
  if (login.status != 200 || admin_token.empty()) die("admin login failed: " + std::to_string(login.status) + " " + login.body);
  admin.close();
  auto command = [&](Conn& c, const std::string& body) {
    const Response r = c.call("POST", "/api/v1/commands", admin_token, body);
    if (r.status != 200) die("command failed: " + std::to_string(r.status) + " " + r.body + " for " + body);
  };
  std::int64_t t0 = now_ns();
  parallel_for(port, N, 8, [&](Conn& c, int i) {
    const std::string n = std::to_string(i);
    command(c, R"({"type":"group.create","group":"g)" + n + R"(","name":"Group )" + n + R"(","settings":{"routing":"auto","max_active":5}})");
    command(c, R"({"type":"agent.create","agent":"a)" + n + R"(","name":"Agent )" + n + R"(","nickname":"A)" + n +
                   R"(","groups":["g)" + n + R"("],"roles":["operator"]})");
    command(c, R"({"type":"agent.set_status","agent":"a)" + n + R"(","status":"online"})");
    command(c, R"({"type":"chat.start","chat":"c)" + n + R"(","group":"g)" + n +
                   R"(","channel":"Widget","client":"visitor)" + n + R"(","by":"client"})");
  });
  const double setup_desk_s = static_cast<double>(now_ns() - t0) / 1e9;
  log("setup: %d groups, agents (online) and chats in %.1f s", N, setup_desk_s);

  std::vector<std::string> agent_tokens(static_cast<std::size_t>(N));
  double users_s = 0, logins_s = 0;
  if (o.agent_logins && o.only.empty()) {
    t0 = now_ns();
    parallel_for(port, N, 2, [&](Conn& c, int i) {
      const std::string n = std::to_string(i);
      const Response r = c.call("POST", "/api/v1/users", admin_token,
                                R"({"login":"u)" + n + R"(","password":"bench-pass-)" + n +
                                    R"(","roles":["operator"],"agent":"a)" + n + "\"}");
      if (r.status != 201) die("user create failed: " + std::to_string(r.status) + " " + r.body);
    });
    users_s = static_cast<double>(now_ns() - t0) / 1e9;
    log("setup: %d users created in %.1f s (%.0f ms each, 2 at a time)", N, users_s, users_s * 1000 / N * 2);
    t0 = now_ns();
    parallel_for(port, N, 2, [&](Conn& c, int i) {
      const std::string n = std::to_string(i);
      const Response r =
          c.call("POST", "/api/v1/auth/login", "", R"({"login":"u)" + n + R"(","password":"bench-pass-)" + n + "\"}");
      agent_tokens[static_cast<std::size_t>(i)] = json_string_field(r.body, "token");
      if (r.status != 200 || agent_tokens[static_cast<std::size_t>(i)].empty())
        die("agent login failed: " + std::to_string(r.status) + " " + r.body);
    });
    logins_s = static_cast<double>(now_ns() - t0) / 1e9;
    log("setup: %d logins in %.1f s (%.0f ms each, 2 at a time)", N, logins_s, logins_s * 1000 / N * 2);
  } else {
    std::fill(agent_tokens.begin(), agent_tokens.end(), admin_token);
  }

  SqliteFloor sf = commit_floor("acks");
  // ---- acknowledged customer messages: closed loop, each request a client message into a random open chat
  log("acks: %d connections × %.0f s, message.send from client into %d open chats", o.ack_conns, o.ack_seconds, N);
  LoadResult acks;
  CpuPer acks_cpu;
  double batches = 0, appended = 0;
  if (o.only.empty() || o.only == "acks") {
    auto m0 = scrape_metrics(port);
    const auto c0 = cpu_seconds(o.server_pid);
    acks = closed_loop(port, o.ack_conns, o.ack_seconds, UINT64_MAX, [&](int c, std::uint64_t n) {
      static thread_local std::mt19937 rng(static_cast<unsigned>(c) * 7919u + 1);
      const std::string chat = "c" + std::to_string(rng() % static_cast<unsigned>(N));
      return make_request("POST", "/api/v1/commands", admin_token,
                          message_body(chat, "Hello, I have a question about my order number 12345, can you help?",
                                       "w" + std::to_string(c) + "-" + std::to_string(n)));
    });
    acks_cpu = cpu_per(c0, cpu_seconds(o.server_pid), static_cast<double>(acks.ok));
    auto m1 = scrape_metrics(port);
    batches = m1["parley_commit_batches_total"] - m0["parley_commit_batches_total"];
    appended = m1["parley_events_appended_total"] - m0["parley_events_appended_total"];
    log("acks: %.0f/s%s, p50/p99 %s, %.1f events per commit; server CPU per ack %s", acks.rate(),
        describe_failures(acks).c_str(), p50_p99(acks.latency).c_str(), batches > 0 ? appended / batches : 0.0,
        acks_cpu.text().c_str());
  }
  // The same messages at a fixed 5 000/s (the aim's rate), open loop: ack latency at that rate.
  OpenLoopResult acks_at_rate;
  if (o.only.empty() || o.only == "acks") {
    log("acks: open loop at %.0f msgs/s × %.0f s on %d connections", o.ack_rate, o.ack_seconds, o.ack_conns);
    acks_at_rate = open_loop(port, o.ack_rate, o.ack_seconds, o.ack_conns, [&](std::int64_t k, std::int64_t) {
      const std::string chat = "c" + std::to_string((static_cast<std::uint64_t>(k) * 2654435761u) % static_cast<unsigned>(N));
      return make_request("POST", "/api/v1/commands", admin_token,
                          message_body(chat, "Hello, I have a question about my order number 12345, can you help?",
                                       "r" + std::to_string(k)));
    });
    log("acks: at %.0f/s: %" PRIu64 " acked, %" PRIu64 " failed; p50/p99 %s (from the due time); sender lag max %.1f ms",
        o.ack_rate, acks_at_rate.ok, acks_at_rate.failed, p50_p99(acks_at_rate.latency).c_str(), acks_at_rate.max_lag_ms);
  }
  if (o.only == "acks") return 0;

  HttpFloor hf;
  if (o.only.empty()) {
    hf = http_floor(o.get_conns, o.floor_seconds);
    log("floor before gets: loopback HTTP to a trivial cpp-httplib server in this process (keep-alive, TCP_NODELAY): "
        "1 connection p50/p99 %s; %d connections %s, p50/p99 %s",
        p50_p99(hf.one_conn).c_str(), o.get_conns, fmt_rate(hf.eight.rate()).c_str(), p50_p99(hf.eight.latency).c_str());
  }
  // ---- small authenticated GETs: each connection reads its own agent's stats with that agent's token
  log("gets: %d connections × %.0f s, GET /api/v1/agents/{id}/stats", o.get_conns, o.get_seconds);
  std::vector<std::string> get_requests;
  for (int c = 0; c < o.get_conns; ++c) {
    const int a = c % N;
    get_requests.push_back(make_request("GET", "/api/v1/agents/a" + std::to_string(a) + "/stats",
                                        agent_tokens[static_cast<std::size_t>(a)]));
  }
  {
    Conn probe(port);
    Response r;
    if (!probe.roundtrip(get_requests[0], r) || r.status != 200)
      die("gets: agent stats answered " + std::to_string(r.status) + " " + r.body);
  }
  const auto g0 = cpu_seconds(o.server_pid);
  LoadResult gets = closed_loop(port, o.get_conns, o.get_seconds, UINT64_MAX,
                                [&](int c, std::uint64_t) { return get_requests[static_cast<std::size_t>(c)]; });
  const CpuPer gets_cpu = cpu_per(g0, cpu_seconds(o.server_pid), static_cast<double>(gets.ok));
  log("gets: %.0f/s%s, p50/p99 %s; server CPU per GET %s", gets.rate(), describe_failures(gets).c_str(),
      p50_p99(gets.latency).c_str(), gets_cpu.text().c_str());
  if (!o.only.empty()) return 0;

  // ---- streams. RSS with 0 streams; set A: one stream per agent, opened paced; RSS; the delivery run on set A;
  // RSS again; set B: a second stream per agent, all at once (a reconnect storm); RSS with 2N.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const ProcStatus rss0 = proc_status(o.server_pid);
  Streams streams;
  const std::uint64_t last_seq = static_cast<std::uint64_t>(scrape_metrics(port)["parley_event_log_last_seq"]);
  const auto set_a = streams.open(port, agent_tokens, last_seq, 1, 4, 300);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const ProcStatus rss1 = proc_status(o.server_pid);
  log("streams: %d of %d open (paced: one connection at a time, ≤ 4 waiting; %d refused or closed) in %.1f s; "
      "RSS %.1f → %.1f MB, threads %ld → %ld",
      set_a.ready, N, set_a.failed, set_a.seconds, rss0.rss_mb, rss1.rss_mb, rss0.threads, rss1.threads);
  auto open_in = [&](const Streams::Opened& set) { return set.ready - (streams.failed(set.set) - set.failed); };

  SqliteFloor sfd = commit_floor("delivery");
  // ---- delivery: open loop at `rate` msgs/s into random chats; each text carries its send time; the
  // epoll reader measures arrival on the agent's stream (each chat's events reach its one agent).
  log("delivery: %.0f msgs/s × %.0f s on %d connections, %d streams open", o.rate, o.delivery_seconds, o.send_conns,
      open_in(set_a));
  streams.take_latencies();
  const std::uint64_t tagged0 = streams.tagged();
  OpenLoopResult sends = open_loop(port, o.rate, o.delivery_seconds, o.send_conns, [&](std::int64_t k, std::int64_t t) {
    const std::string chat = "c" + std::to_string((static_cast<std::uint64_t>(k) * 2654435761u) % static_cast<unsigned>(N));
    return make_request("POST", "/api/v1/commands", admin_token,
                        message_body(chat, "Where is my parcel? lat:" + std::to_string(t), "d" + std::to_string(k)));
  });
  const std::uint64_t sent = sends.ok;
  for (int i = 0; i < 300 && streams.tagged() - tagged0 < sent; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  Samples delivery = streams.take_latencies();
  Samples& delivery_acks = sends.latency;
  const std::uint64_t delivered = streams.tagged() - tagged0;
  log("delivery: %" PRIu64 " sent (%" PRIu64 " failed), %" PRIu64 " delivered; p50/p99 %s; ack p50/p99 %s; sender lag max %.1f ms",
      sent, sends.failed, delivered, p50_p99(delivery).c_str(), p50_p99(delivery_acks).c_str(), sends.max_lag_ms);

  // ---- set B arrives all at once, like every browser reconnecting after a restart: 64 threads connecting.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const ProcStatus rss1b = proc_status(o.server_pid);
  auto set_b = streams.open(port, agent_tokens, last_seq, 64, 1 << 30, 60);
  log("streams: reconnect storm: %d of %d streams ready, %d refused or closed, in %.1f s; connect() p50/p99 %s, %d took > 0.5 s",
      set_b.ready, N, set_b.failed, set_b.seconds, p50_p99(set_b.connect).c_str(), set_b.slow_connects);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const ProcStatus rss2 = proc_status(o.server_pid);
  const double open_streams2 = scrape_metrics(port)["parley_streams_open"];
  const int open_total = open_in(set_a) + open_in(set_b);
  log("streams: %d open (server says %.0f); RSS %.1f MB, threads %ld", open_total, open_streams2, rss2.rss_mb, rss2.threads);
  streams.close_all();

  // ---- the table
  const double per_stream_a_kb = set_a.ready > 0 ? (rss1.rss_mb - rss0.rss_mb) * 1024 / set_a.ready : NAN;
  const double per_stream_b_kb = open_in(set_b) > 0 ? (rss2.rss_mb - rss1b.rss_mb) * 1024 / open_in(set_b) : NAN;
  auto verdict = [](bool ok) { return ok ? "meets" : "**misses**"; };
  char line[1024];
  std::printf("\n| Measurement | Parley server | Floor, same run | Aim (issue 3) | |\n|---|---|---|---|---|\n");
  std::snprintf(line, sizeof line, "| Loopback HTTP round trip, 1 keep-alive connection | – | p50/p99 %s (%s) | ≈ 20 µs | |\n",
                p50_p99(hf.one_conn).c_str(), fmt_rate(hf.one_conn_rate).c_str());
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| SQLite commit, WAL, synchronous=FULL, 1 × 100-byte row (before acks / before delivery) | – | %s, p50/p99 %s; %d rows/txn: %s rows / %s, p50/p99 %s | ≈ 0.2–0.3 ms | |\n",
                fmt_rate(sf.commits_per_s).c_str(), p50_p99(sf.commit).c_str(), sf.batch, fmt_rate(sf.batched_rows_per_s).c_str(),
                fmt_rate(sfd.commits_per_s).c_str(), p50_p99(sfd.commit).c_str());
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| Acked customer messages, %d connections, %d open chats, FULL | %s%s | %s single-row commits | ≥ 5 000/s | %s |\n",
                o.ack_conns, N, fmt_rate(acks.rate()).c_str(), describe_failures(acks).c_str(),
                fmt_rate(sf.commits_per_s).c_str(), verdict(acks.rate() >= 5000 && !acks.failed));
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| Ack latency p50 / p99 in that saturating closed loop | %s | commit p50/p99 %s | p99 ≤ 10 ms | %s |\n",
                p50_p99(acks.latency).c_str(), p50_p99(sf.commit).c_str(), verdict(acks.latency.pct_us(0.99) <= 10000));
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| Server CPU per acked message (closed loop) | %s | – | | |\n", acks_cpu.text().c_str());
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| Ack latency at a fixed %.0f msgs/s (open loop, %d connections) | p50/p99 %s (%" PRIu64 " acked%s) | commit p50/p99 %s | p99 ≤ 10 ms | %s |\n",
                o.ack_rate, o.ack_conns, p50_p99(acks_at_rate.latency).c_str(), acks_at_rate.ok,
                acks_at_rate.failed ? (", " + std::to_string(acks_at_rate.failed) + " failed").c_str() : "",
                p50_p99(sf.commit).c_str(), verdict(acks_at_rate.latency.pct_us(0.99) <= 10000 && !acks_at_rate.failed));
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| Events per commit batch (/metrics, ack phase) | %.1f (%.0f events, %.0f batches) | – | many | |\n",
                batches > 0 ? appended / batches : 0.0, appended, batches);
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| Delivery send → agent stream, %.0f msgs/s, %d streams (%s logins) | p50/p99 %s (%" PRIu64 "/%" PRIu64 " delivered) | commit p50/p99 %s + round trip p50/p99 %s | p99 ≤ 5 ms | %s |\n",
                o.rate, N, o.agent_logins ? "agent" : "admin", p50_p99(delivery).c_str(), delivered, sent,
                p50_p99(sfd.commit).c_str(), p50_p99(hf.one_conn).c_str(),
                verdict(delivery.pct_us(0.99) <= 5000 && delivered >= sent && !sends.failed));
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| Ack latency during the delivery run | p50/p99 %s | commit p50/p99 %s | | |\n",
                p50_p99(delivery_acks).c_str(), p50_p99(sfd.commit).c_str());
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| Server RSS with 0 / %d / %d streams open (of 0 / %d / %d asked) | %.1f / %.1f / %.1f MB; per stream %.0f KB (set A), %.0f KB (set B); threads %ld / %ld / %ld | – | 2 000 streams ≤ 200 MB | %s |\n",
                set_a.ready, open_total, N, 2 * N, rss0.rss_mb, rss1.rss_mb, rss2.rss_mb, per_stream_a_kb, per_stream_b_kb,
                rss0.threads, rss1.threads, rss2.threads, verdict(open_total >= 2000 && rss2.rss_mb <= 200));
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| Reconnect storm: %d more streams opened at once (64 connecting threads) | %d ready, %d refused/closed, in %.1f s; connect() p50/p99 %s, %d connects > 0.5 s | paced (1 at a time): %d ready, %d refused/closed, in %.1f s | – | |\n",
                N, set_b.ready, set_b.failed, set_b.seconds, p50_p99(set_b.connect).c_str(), set_b.slow_connects,
                set_a.ready, set_a.failed, set_a.seconds);
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| Small authenticated GETs (agent stats), %d connections | %s%s, p50/p99 %s | %s, p50/p99 %s | ≥ 30 000/s, p99 ≤ 1 ms | %s |\n",
                o.get_conns, fmt_rate(gets.rate()).c_str(), describe_failures(gets).c_str(), p50_p99(gets.latency).c_str(),
                fmt_rate(hf.eight.rate()).c_str(), p50_p99(hf.eight.latency).c_str(),
                verdict(gets.rate() >= 30000 && gets.latency.pct_us(0.99) <= 1000 && !gets.failed));
  std::fputs(line, stdout);
  std::snprintf(line, sizeof line, "| Server CPU per GET | %s | – | | |\n", gets_cpu.text().c_str());
  std::fputs(line, stdout);
  print_idle_rows(port, o.server_pid, o.idle_seconds);
  std::printf("\nSetup: %d groups + agents + chats by 8 connections in %.1f s; %d users created in %.1f s and logged in "
              "in %.1f s (2 connections).\n",
              N, setup_desk_s, o.agent_logins ? N : 0, users_s, logins_s);
  return 0;
}
