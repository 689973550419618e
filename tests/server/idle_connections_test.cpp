// What idle and slow clients may hold: at most --max-connections-per-address connections from one
// address (the excess is answered 503 and closed at once), an idle connection for the keep-alive
// timeout, a stalled request for the read timeout; other clients are served promptly meanwhile.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server_process.hpp"

using namespace parley_test;

namespace {

using Clock = std::chrono::steady_clock;

// A TCP connection to the server from `source` (a loopback address) that sends nothing by itself.
int connect_from(const std::string& source, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  ::inet_pton(AF_INET, source.c_str(), &local.sin_addr);
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(static_cast<std::uint16_t>(port));
  remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// What the server sent before closing the connection, or nullopt if it is still open after `wait_ms`.
std::optional<std::string> closed_within(int fd, int wait_ms) {
  std::string got;
  const auto deadline = Clock::now() + std::chrono::milliseconds(wait_ms);
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(std::max<decltype(left)>(left, 0))) <= 0) return std::nullopt;
    char buffer[1024];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return got;
    got.append(buffer, static_cast<std::size_t>(n));
  }
}

double livez_ms(int port) {
  const auto start = Clock::now();
  const Reply r = Api(port).get("/livez");
  CHECK(r.status == 200);
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("idle connections beyond an address's limit are refused; others are served promptly") {
  TempDir dir;
  ServerProcess server(dir.file("desk.db"), dir.file("server.log"), ClockMode::system);
  server.add_args({"--max-connections-per-address", "8"});
  REQUIRE_MESSAGE(server.start(), server.log());
  const int port = server.port();

  std::vector<int> idle;
  for (int i = 0; i < 40; ++i) idle.push_back(connect_from("127.0.0.20", port));
  REQUIRE(std::count(idle.begin(), idle.end(), -1) == 0);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  int refused = 0, open = 0;
  for (const int fd : idle) {
    const auto answer = closed_within(fd, 0);
    if (!answer) ++open;
    else if (answer->rfind("HTTP/1.1 503", 0) == 0 && answer->find("too_many_connections") != std::string::npos) ++refused;
  }
  CHECK(open == 8);
  CHECK(refused == 32);
  CHECK(livez_ms(port) < 1000);  // from 127.0.0.1, while 127.0.0.20 holds its 8 (a loose bound: shared CPUs)
  const std::string metrics = Api(port).get("/metrics").text;
  CHECK(metrics.find("parley_connections_refused_total 32") != std::string::npos);

  // A slow client (half a request line, then nothing) is dropped after the read timeout, an idle one
  // after the keep-alive timeout; then the address may connect again.
  const int slow = connect_from("127.0.0.21", port);
  REQUIRE(slow >= 0);
  (void)!::send(slow, "GET /li", 7, MSG_NOSIGNAL);
  const auto slow_start = Clock::now();
  CHECK(closed_within(slow, 12000).has_value());
  CHECK(Clock::now() - slow_start < std::chrono::seconds(12));
  for (const int fd : idle) CHECK(closed_within(fd, 12000).has_value());
  for (const int fd : idle) ::close(fd);
  ::close(slow);
  Api again(port);
  again.set_source_address("127.0.0.20");
  CHECK(again.get("/livez").status == 200);
}
