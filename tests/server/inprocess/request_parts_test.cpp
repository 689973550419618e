// Reading the parts of a request every route shares: where a stream resumes (Last-Event-ID or
// ?last_event_id=) and where a token may come from (the query string only on event streams).
#include <doctest/doctest.h>

#include "http_util.hpp"

namespace parley::server {

namespace {
httplib::Request request(const std::string& path) {
  httplib::Request req;
  req.path = path;
  return req;
}
}  // namespace

TEST_CASE("a stream resumes from Last-Event-ID, else ?last_event_id=, else from the start") {
  httplib::Request req = request("/api/v1/stream");
  CHECK(last_event_id(req) == 0);
  req.params.emplace("last_event_id", "42");
  CHECK(last_event_id(req) == 42);
  req.headers.emplace("Last-Event-ID", "7");
  CHECK(last_event_id(req) == 7);  // the header wins

  for (const char* bad : {"-1", "12a", " 5", "99999999999999999999", "0x10", ""}) {
    httplib::Request wrong = request("/widget/v1/stream");
    wrong.headers.emplace("Last-Event-ID", bad);
    CAPTURE(bad);
    CHECK(last_event_id(wrong) == 0);
  }
  httplib::Request longest = request("/widget/v1/stream");
  longest.headers.emplace("Last-Event-ID", "9999999999999999999");
  CHECK(last_event_id(longest) == 9999999999999999999ULL);
}

TEST_CASE("a token in the query string counts only on the event streams") {
  const std::string token(64, 'a');
  for (const char* path : {"/api/v1/stream", "/widget/v1/stream"}) {
    httplib::Request req = request(path);
    req.params.emplace("access_token", token);
    CAPTURE(path);
    CHECK(request_token(req) == token);
  }
  for (const char* path : {"/api/v1/attachments/att-1", "/api/v1/me", "/widget/v1/messages", "/api/v1/stream/x"}) {
    httplib::Request req = request(path);
    req.params.emplace("access_token", token);
    CAPTURE(path);
    CHECK(request_token(req).empty());
    req.headers.emplace("Authorization", "Bearer " + token);
    CHECK(request_token(req) == token);
  }
}

}  // namespace parley::server
