// The HTTP and HTTPS servers of parley-server: cpp-httplib's, with each accepted connection admitted
// against a limit of open connections per client address before any of its bytes are read. Thread-safe.
#pragma once
#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace parley::server {

// Open connections per client address: admit() counts one in (false when the address is at its
// limit; a limit of 0 admits all), release() counts it out.
class ConnectionLimit {
 public:
  explicit ConnectionLimit(std::size_t per_address) : per_address_(per_address) {}
  bool admit(const std::string& address);
  void release(const std::string& address);
  std::size_t open() const;
  std::uint64_t refused() const { return refused_.load(); }

 private:
  const std::size_t per_address_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::size_t> open_;
  std::size_t total_ = 0;
  std::atomic<std::uint64_t> refused_{0};
};

// A connection beyond its address's limit is answered 503 (plain HTTP) or just closed (TLS) at once;
// an admitted one is served exactly as cpp-httplib serves it.
class LimitedServer final : public httplib::Server {
 public:
  explicit LimitedServer(ConnectionLimit& limit) : limit_(limit) {}

 private:
  bool process_and_close_socket(socket_t sock) override;
  ConnectionLimit& limit_;
};

class LimitedSslServer final : public httplib::SSLServer {
 public:
  LimitedSslServer(ConnectionLimit& limit, const char* cert_path, const char* key_path)
      : httplib::SSLServer(cert_path, key_path), limit_(limit) {}

 private:
  bool process_and_close_socket(socket_t sock) override;
  ConnectionLimit& limit_;
  std::mutex ssl_mutex_;
};

}  // namespace parley::server
