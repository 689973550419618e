// The one table from server error kinds to HTTP status and code, and the core refusals' statuses.
#include "errors.hpp"

#include <iterator>

#include "wire.hpp"

namespace parley::server {

namespace {

struct KindRow {
  ServerError kind;
  int status;
  std::string_view code;
};

constexpr KindRow kKinds[] = {
    {ServerError::bad_request, 400, "bad_request"},
    {ServerError::bad_command, 400, "bad_command"},
    {ServerError::unauthorized, 401, "unauthorized"},
    {ServerError::forbidden, 403, "forbidden"},
    {ServerError::origin_refused, 403, "origin_refused"},
    {ServerError::channel_disabled, 403, "channel_disabled"},
    {ServerError::not_found, 404, "not_found"},
    {ServerError::unknown_user, 404, "unknown_user"},
    {ServerError::unknown_agent, 404, "unknown_agent"},
    {ServerError::unknown_group, 404, "unknown_group"},
    {ServerError::unknown_chat, 404, "unknown_chat"},
    {ServerError::unknown_message, 404, "unknown_message"},
    {ServerError::unknown_channel, 404, "unknown_channel"},
    {ServerError::unknown_attachment, 404, "unknown_attachment"},
    {ServerError::unknown_template, 404, "unknown_template"},
    {ServerError::unknown_article, 404, "unknown_article"},
    {ServerError::unknown_action, 404, "unknown_action"},
    {ServerError::already_exists, 409, "already_exists"},
    {ServerError::bad_state, 409, "bad_state"},
    {ServerError::conflict, 409, "conflict"},
    {ServerError::too_large, 413, "too_large"},
    {ServerError::uri_too_long, 414, "uri_too_long"},
    {ServerError::unsupported_media_type, 415, "unsupported_media_type"},
    {ServerError::range_not_satisfiable, 416, "range_not_satisfiable"},
    {ServerError::rate_limited, 429, "rate_limited"},
    {ServerError::internal, 500, "internal"},
    {ServerError::unavailable, 503, "unavailable"},
    {ServerError::too_many_connections, 503, "too_many_connections"},
};

const KindRow& row(ServerError kind) {
  for (const KindRow& r : kKinds)
    if (r.kind == kind) return r;
  return kKinds[std::size(kKinds) - 2];  // every kind has a row (errors_test checks it)
}

}  // namespace

int http_status(ServerError kind) { return row(kind).status; }
std::string_view error_code(ServerError kind) { return row(kind).code; }

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_command: return 400;
    case ErrorCode::forbidden:
    case ErrorCode::not_assigned:
    case ErrorCode::not_member:
    case ErrorCode::blocked: return 403;
    case ErrorCode::unknown_agent:
    case ErrorCode::unknown_chat:
    case ErrorCode::unknown_group:
    case ErrorCode::unknown_message:
    case ErrorCode::unknown_policy:
    case ErrorCode::unknown_rule:
    case ErrorCode::unknown_contact:
    case ErrorCode::unknown_action: return 404;
    case ErrorCode::already_exists:
    case ErrorCode::agent_offline:
    case ErrorCode::group_offline:
    case ErrorCode::bad_state: return 409;
  }
  return 409;
}

ServerError library_error(int status) {
  switch (status) {
    case 404: return ServerError::not_found;
    case 413: return ServerError::too_large;
    case 414: return ServerError::uri_too_long;
    case 415: return ServerError::unsupported_media_type;
    case 416: return ServerError::range_not_satisfiable;
    case 500: return ServerError::internal;
    case 503: return ServerError::unavailable;
    default: return ServerError::bad_request;
  }
}

std::string error_body(ServerError kind, std::string_view message) {
  const Json body{{"error", Json{{"code", std::string(error_code(kind))}, {"message", std::string(message)}}}};
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void send_error(httplib::Response& res, ServerError kind, std::string_view message) {
  res.status = http_status(kind);
  res.set_content(error_body(kind, message), "application/json");
}

void send_refusal(httplib::Response& res, const Error& error) {
  res.status = http_status(error.code);
  const Json body{{"error", Json{{"code", std::string(error_code_name(error.code))}, {"message", error.message}}}};
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

}  // namespace parley::server
