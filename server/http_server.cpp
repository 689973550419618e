// Admission per client address in front of cpp-httplib's own connection loop (keep-alive, timeouts,
// request processing and TLS handshakes are the library's, called through its detail helpers).
#include "http_server.hpp"

#include <sys/socket.h>

#include "errors.hpp"

namespace parley::server {

namespace {

struct Peer {
  std::string remote, local;
  int remote_port = 0, local_port = 0;
};

Peer peer_of(socket_t sock) {
  Peer p;
  httplib::detail::get_remote_ip_and_port(sock, p.remote, p.remote_port);
  httplib::detail::get_local_ip_and_port(sock, p.local, p.local_port);
  return p;
}

void close_connection(socket_t sock) {
  httplib::detail::shutdown_socket(sock);
  httplib::detail::close_socket(sock);
}

void refuse_plain(socket_t sock) {
  static const std::string body =
      error_body(ServerError::too_many_connections, "too many open connections from this address");
  static const std::string reply = "HTTP/1.1 " + std::to_string(http_status(ServerError::too_many_connections)) +
                                   " Service Unavailable\r\nContent-Type: application/json\r\n"
                                   "Connection: close\r\nRetry-After: 5\r\nContent-Length: " +
                                   std::to_string(body.size()) + "\r\n\r\n" + body;
  (void)!::send(sock, reply.data(), reply.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  close_connection(sock);
}

}  // namespace

bool ConnectionLimit::admit(const std::string& address) {
  std::lock_guard lock(mutex_);
  std::size_t& count = open_[address];
  if (per_address_ != 0 && count >= per_address_) {
    ++refused_;
    return false;
  }
  ++count;
  ++total_;
  return true;
}

void ConnectionLimit::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto it = open_.find(address);
  if (it == open_.end()) return;
  --total_;
  if (--it->second == 0) open_.erase(it);
}

std::size_t ConnectionLimit::open() const {
  std::lock_guard lock(mutex_);
  return total_;
}

bool LimitedServer::process_and_close_socket(socket_t sock) {
  const Peer peer = peer_of(sock);
  if (!limit_.admit(peer.remote)) {
    refuse_plain(sock);
    return false;
  }
  const bool ok = httplib::detail::process_server_socket(
      svr_sock_, sock, keep_alive_max_count_, keep_alive_timeout_sec_, read_timeout_sec_, read_timeout_usec_,
      write_timeout_sec_, write_timeout_usec_, [&](httplib::Stream& strm, bool last, bool& closed) {
        return process_request(strm, peer.remote, peer.remote_port, peer.local, peer.local_port, last, closed,
                               nullptr);
      });
  close_connection(sock);
  limit_.release(peer.remote);
  return ok;
}

bool LimitedSslServer::process_and_close_socket(socket_t sock) {
  const Peer peer = peer_of(sock);
  if (!limit_.admit(peer.remote)) {
    close_connection(sock);  // an answer would need a TLS handshake first
    return false;
  }
  SSL* ssl = httplib::detail::ssl_new(
      sock, ssl_context(), ssl_mutex_,
      [&](SSL* s) {
        return httplib::detail::ssl_connect_or_accept_nonblocking(sock, s, SSL_accept, read_timeout_sec_,
                                                                  read_timeout_usec_);
      },
      [](SSL*) { return true; });
  bool ok = false;
  if (ssl) {
    ok = httplib::detail::process_server_socket_ssl(
        svr_sock_, ssl, sock, keep_alive_max_count_, keep_alive_timeout_sec_, read_timeout_sec_, read_timeout_usec_,
        write_timeout_sec_, write_timeout_usec_, [&](httplib::Stream& strm, bool last, bool& closed) {
          return process_request(strm, peer.remote, peer.remote_port, peer.local, peer.local_port, last, closed,
                                 [&](httplib::Request& req) { req.ssl = ssl; });
        });
    httplib::detail::ssl_delete(ssl_mutex_, ssl, sock, ok);
  }
  close_connection(sock);
  limit_.release(peer.remote);
  return ok;
}

}  // namespace parley::server
