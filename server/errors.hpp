// The server's error vocabulary: every kind of error a route answers, with its one HTTP status and
// JSON code, and the core's refusals (ErrorCode) mapped onto it. Every error answer goes through here.
#pragma once
#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

#include "result.hpp"

namespace parley::server {

enum class ServerError {
  bad_request,             // 400: the request itself (path, query, headers) was not understood
  bad_command,             // 400: the body or a parameter is wrong
  unauthorized,            // 401
  forbidden,               // 403
  origin_refused,          // 403: a widget page's origin is not allowed
  channel_disabled,        // 403: a customer writes into a disabled channel
  not_found,               // 404: no such route
  unknown_user,            // 404
  unknown_agent,           // 404
  unknown_group,           // 404
  unknown_chat,            // 404
  unknown_message,         // 404
  unknown_channel,         // 404
  unknown_attachment,      // 404
  unknown_template,        // 404
  unknown_article,         // 404
  unknown_action,          // 404: no such support agent action (or run)
  already_exists,          // 409
  bad_state,               // 409: the desk or record is not in a state that allows it
  conflict,                // 409: a store refused a change that raced another one
  too_large,               // 413
  uri_too_long,            // 414
  unsupported_media_type,  // 415
  range_not_satisfiable,   // 416
  rate_limited,            // 429
  internal,                // 500
  unavailable,             // 503: storage failed; retrying later may work
  too_many_connections,    // 503: the client address holds too many connections
};

int http_status(ServerError kind);
std::string_view error_code(ServerError kind);
// The HTTP status a core refusal is answered with.
int http_status(ErrorCode code);
// The kind a status set by the HTTP library itself stands for (its own 404, 413, ...).
ServerError library_error(int status);

// {"error":{"code","message"}} with invalid UTF-8 in `message` replaced.
std::string error_body(ServerError kind, std::string_view message);
// Answers a server error.
void send_error(httplib::Response& res, ServerError kind, std::string_view message);
// Answers a core refusal: its code's status, its code's name.
void send_refusal(httplib::Response& res, const Error& error);

}  // namespace parley::server
