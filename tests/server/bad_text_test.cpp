// Requests carrying text that is not UTF-8 (in the path, query, headers or JSON strings) are refused with
// 400 and change nothing; the server keeps answering, and every line of its log stays JSON.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSetup = R"(
{"type":"group.create","group":"sales","name":"Sales","settings":{"routing":"auto"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"}
)";

long last_seq(const Api& api) {
  const std::string text = api.get("/metrics").text;
  const std::string key = "parley_event_log_last_seq ";
  const auto at = text.find(key);
  return at == std::string::npos ? -1 : std::stol(text.substr(at + key.size()));
}

// Sends `head` (request line and headers, without the blank line) and `body` as they are, and returns
// the answer's status (0 when the connection closed without one). A plain socket: an HTTP client would
// re-encode the path.
int raw_status(int port, const std::string& head, const std::string& body = "") {
  std::string text = head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!body.empty()) text += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  text += "\r\n" + body;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return 0;
  }
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  (void)!::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
  std::string answer;
  char buffer[4096];
  for (ssize_t got; (got = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, got);
  ::close(fd);
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
  return std::stoi(answer.substr(9, 3));
}

}  // namespace

TEST_CASE("text that is not UTF-8 is refused with 400 and never stops the server") {
  Running desk(ClockMode::system);
  REQUIRE(run_script(desk.admin, kSetup) == "");
  const long seq = last_seq(desk.admin);
  REQUIRE(seq > 0);
  const int port = desk.server.port();
  const std::string auth = "\r\nAuthorization: Bearer " + desk.admin.token();

  // the path, no login needed: this one aborted the server
  CHECK(raw_status(port, "GET /%FF HTTP/1.1") == 400);
  CHECK(raw_status(port, "GET /api/v1/chats/%C0%AF HTTP/1.1" + auth) == 400);  // an overlong '/'
  CHECK(raw_status(port, "GET /api/v1/chats/%ED%A0%80 HTTP/1.1" + auth) == 400);  // a UTF-16 surrogate
  CHECK(raw_status(port, "POST /api/v1/chats/%FF/messages HTTP/1.1" + auth, R"({"text":"x","by":"client"})") == 400);
  CHECK(raw_status(port, "PUT /api/v1/agents/%FE%FF/status HTTP/1.1" + auth, R"({"status":"online"})") == 400);
  CHECK(raw_status(port, "POST /hooks/v1/%FF HTTP/1.1", R"({"user":"u","text":"x"})") == 400);
  CHECK(raw_status(port, "POST /widget/v1/%FF/sessions HTTP/1.1", R"({"name":"x"})") == 400);
  // the query
  CHECK(raw_status(port, "GET /api/v1/search?q=%FF%FE HTTP/1.1" + auth) == 400);
  CHECK(raw_status(port, "GET /api/v1/agents?%FF=1 HTTP/1.1" + auth) == 400);
  CHECK(raw_status(port, "POST /api/v1/chats/c1/attachments?name=%FF.txt HTTP/1.1" + auth, "bytes") == 400);
  // headers, raw bytes
  CHECK(raw_status(port, "GET /livez HTTP/1.1\r\nUser-Agent: \xFF\xFE") == 400);
  CHECK(raw_status(port, "POST /widget/v1/site/sessions HTTP/1.1\r\nOrigin: https://\xC3", R"({"name":"x"})") == 400);
  CHECK(raw_status(port, "POST /api/v1/auth/login HTTP/1.1\r\nX-Forwarded-For: \x80",
                   R"({"login":"admin","password":"nope"})") == 400);
  // JSON strings: raw bytes, an unpaired surrogate escape, an overlong form
  CHECK(raw_status(port, "POST /api/v1/commands HTTP/1.1" + auth,
                   "{\"type\":\"message.send\",\"chat\":\"c1\",\"from\":\"client\",\"text\":\"\xFF\"}") == 400);
  CHECK(raw_status(port, "POST /api/v1/commands HTTP/1.1" + auth,
                   R"({"type":"message.send","chat":"c1","from":"client","text":"\ud800"})") == 400);
  CHECK(raw_status(port, "POST /api/v1/chats/c1/messages HTTP/1.1" + auth,
                   "{\"text\":\"\xC0\xAF\",\"by\":\"client\"}") == 400);
  CHECK(raw_status(port, "POST /api/v1/auth/login HTTP/1.1", "{\"login\":\"\xFF\",\"password\":\"x\"}") == 400);

  // Still serving, nothing stored, and the refusals were logged as JSON lines.
  CHECK(desk.admin.get("/livez").status == 200);
  CHECK(desk.server.running());
  CHECK(last_seq(desk.admin) == seq);
  CHECK(raw_status(port, "GET /api/v1/chats/%E2%9C%93 HTTP/1.1" + auth) == 404);  // the control: valid UTF-8
  std::istringstream log(desk.server.log());
  int json_lines = 0;
  for (std::string line; std::getline(log, line);) {
    if (line.empty() || line[0] != '{') continue;
    CHECK_MESSAGE(!json::parse(line, nullptr, false).is_discarded(), line);
    ++json_lines;
  }
  CHECK(json_lines >= 10);
}
