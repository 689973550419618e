// The guarded call of an action's endpoint (see action_call.hpp): resolve, check, connect, answer.
#include "action_call.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>

namespace parley::server {

namespace {

struct Resolved {
  std::vector<std::string> addresses;
  std::string error;
};

Resolved resolve(const std::string& host, int port) {
  Resolved out;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int status = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (status != 0) {
    out.error = "cannot resolve " + host + ": " + gai_strerror(status);
    return out;
  }
  for (addrinfo* a = found; a; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw = a->ai_family == AF_INET6 ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(a->ai_addr)->sin6_addr)
                                               : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr);
    if (inet_ntop(a->ai_family, raw, text, sizeof text)) {
      const std::string address = text;
      bool seen = false;
      for (const std::string& s : out.addresses) seen = seen || s == address;
      if (!seen) out.addresses.push_back(address);
    }
  }
  freeaddrinfo(found);
  if (out.addresses.empty()) out.error = "cannot resolve " + host + ": no address";
  return out;
}

// The text an agent sees of an answer: a JSON object's "text" when it has one, else the body.
std::string answer_text(const std::string& body) {
  const auto json = parse_json(body);
  if (json && json->is_object()) {
    const auto text = json->find("text");
    if (text != json->end() && text->is_string()) return text->get<std::string>();
  }
  return body;
}

enum class Attempt { answered, retry, failed };

struct AttemptResult {
  Attempt kind = Attempt::failed;
  int status = 0;
  std::string body, error;
};

AttemptResult attempt(const Endpoint& e, const std::string& address, const ActionDefinition& d, const std::string& body,
                      const ActionCallOptions& options) {
  std::unique_ptr<httplib::ClientImpl> client;
  if (e.scheme == "https") client = std::make_unique<httplib::SSLClient>(e.host, e.port);
  else client = std::make_unique<httplib::ClientImpl>(e.host, e.port);
  client->set_hostname_addr_map({{e.host, address}});
  const time_t seconds = options.timeout_ms / 1000;
  const time_t micros = (options.timeout_ms % 1000) * 1000;
  client->set_connection_timeout(seconds, micros);
  client->set_read_timeout(seconds, micros);
  client->set_write_timeout(seconds, micros);
  client->set_keep_alive(false);
  client->set_follow_location(false);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.timeout_ms);
  AttemptResult out;
  bool too_large = false, too_slow = false;
  httplib::Request req;
  req.method = "POST";
  req.path = e.path;
  for (const auto& [name, value] : d.headers) req.headers.emplace(name, value);
  req.headers.emplace("Content-Type", "application/json");
  req.body = body;
  req.content_receiver = [&](const char* data, std::size_t length, std::uint64_t, std::uint64_t) {
    if (out.body.size() + length > options.max_answer_bytes) return !(too_large = true);
    if (std::chrono::steady_clock::now() > deadline) return !(too_slow = true);
    out.body.append(data, length);
    return true;
  };
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  const bool sent = client->send(req, res, error);
  if (too_large) {
    out.error = "answer too large (over " + std::to_string(options.max_answer_bytes / 1024) + " KiB)";
    return out;
  }
  if (too_slow || error == httplib::Error::ConnectionTimeout || error == httplib::Error::Read) {
    out.kind = Attempt::retry;
    out.error = "the endpoint did not answer within " + std::to_string(options.timeout_ms) + " ms";
    return out;
  }
  if (!sent) {
    out.kind = error == httplib::Error::Connection || error == httplib::Error::Write ? Attempt::retry : Attempt::failed;
    out.error = "cannot reach the endpoint: " + httplib::to_string(error);
    return out;
  }
  out.status = res.status;
  if (res.status >= 500) {
    out.kind = Attempt::retry;
    out.error = "the endpoint answered " + std::to_string(res.status);
    return out;
  }
  if (res.status / 100 != 2) {
    out.error = "the endpoint answered " + std::to_string(res.status);
    return out;
  }
  out.kind = Attempt::answered;
  return out;
}

}  // namespace

ActionCallResult call_action(const ActionDefinition& d, const std::vector<std::string>& allowlist, const Json& payload,
                             const ActionCallOptions& options) {
  ActionCallResult result;
  if (const auto refusal = endpoint_refusal(d.endpoint, allowlist)) {
    result.text = "refused: " + *refusal;
    return result;
  }
  const Endpoint e = *parse_endpoint(d.endpoint);
  const Resolved resolved = resolve(e.host, e.port);
  if (!resolved.error.empty()) {
    result.text = resolved.error;
    return result;
  }
  for (const std::string& address : resolved.addresses)
    if (!address_allowed(address, allowlist)) {
      result.text = "refused: " + e.host + " resolves to " + address +
                    ", a private, loopback or link-local address that is not on the allowlist";
      return result;
    }
  const std::string body = payload.dump();
  AttemptResult last;
  for (int i = 0; i < 2; ++i) {
    ++result.attempts;
    last = attempt(e, resolved.addresses.front(), d, body, options);
    if (last.kind != Attempt::retry) break;
  }
  result.ok = last.kind == Attempt::answered;
  result.text = result.ok ? answer_text(last.body) : last.error + (result.attempts > 1 ? " (tried twice)" : "");
  return result;
}

}  // namespace parley::server
