// The server's error vocabulary: one row per kind (distinct codes, error statuses), the core's
// refusals on their statuses, and the answers' JSON shape.
#include <doctest/doctest.h>

#include <set>

#include "errors.hpp"
#include "wire.hpp"

namespace parley::server {

TEST_CASE("every server error kind has its own code and an error status") {
  std::set<std::string_view> codes;
  const int last = static_cast<int>(ServerError::too_many_connections);
  for (int k = 0; k <= last; ++k) {
    const auto kind = static_cast<ServerError>(k);
    CAPTURE(k);
    CHECK(!error_code(kind).empty());
    CHECK(codes.insert(error_code(kind)).second);
    CHECK(http_status(kind) >= 400);
    CHECK(http_status(kind) < 600);
  }
  CHECK(http_status(ServerError::unavailable) == 503);
  CHECK(http_status(ServerError::conflict) == 409);
  CHECK(http_status(ServerError::already_exists) == 409);
  CHECK(error_code(ServerError::unknown_template) == "unknown_template");
}

TEST_CASE("a core refusal is answered with its code's status") {
  CHECK(http_status(ErrorCode::bad_command) == 400);
  for (ErrorCode code : {ErrorCode::forbidden, ErrorCode::not_assigned, ErrorCode::not_member})
    CHECK(http_status(code) == 403);
  for (ErrorCode code : {ErrorCode::unknown_agent, ErrorCode::unknown_chat, ErrorCode::unknown_group,
                         ErrorCode::unknown_message})
    CHECK(http_status(code) == 404);
  for (ErrorCode code : {ErrorCode::already_exists, ErrorCode::agent_offline, ErrorCode::group_offline,
                         ErrorCode::bad_state})
    CHECK(http_status(code) == 409);
}

TEST_CASE("answers carry the status and {error:{code,message}}, bad text replaced") {
  httplib::Response res;
  send_error(res, ServerError::unknown_template, "no template \xff");
  CHECK(res.status == 404);
  const auto body = parse_json(res.body);
  REQUIRE(body.has_value());
  CHECK((*body)["error"]["code"] == "unknown_template");
  CHECK((*body)["error"]["message"] == "no template \xef\xbf\xbd");

  httplib::Response refused;
  send_refusal(refused, Error{ErrorCode::not_member, "not in group sales"});
  CHECK(refused.status == 403);
  const auto refusal = parse_json(refused.body);
  REQUIRE(refusal.has_value());
  CHECK((*refusal)["error"]["code"] == "not_member");
  CHECK((*refusal)["error"]["message"] == "not in group sales");
}

TEST_CASE("statuses the HTTP library sets itself map onto kinds of the same status") {
  for (int status : {400, 404, 413, 414, 415, 416, 500, 503}) {
    CAPTURE(status);
    CHECK(http_status(library_error(status)) == status);
  }
  CHECK(library_error(404) == ServerError::not_found);
  CHECK(library_error(413) == ServerError::too_large);
}

}  // namespace parley::server
