// Helpers shared by the route files: JSON answers, the one mapping from ErrorCode to HTTP status,
// request bodies under limits, and authentication of the caller.
#pragma once
#include <httplib.h>

#include <optional>
#include <string>

#include "app.hpp"
#include "result.hpp"
#include "wire.hpp"

namespace parley::server {

constexpr std::size_t kMaxStringBytes = 16 * 1024;
constexpr std::size_t kMaxBodyBytes = 1 << 20;  // a JSON body (uploads: Config::max_attachment_bytes)

int http_status(ErrorCode code);
void send_json(httplib::Response& res, int status, const Json& body);
void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message);
void send_refusal(httplib::Response& res, const Error& error);
// Parses the body as a JSON object within size, depth and string-size limits; answers 413/400 itself
// on failure.
std::optional<Json> read_json_body(const httplib::Request& req, httplib::Response& res);
std::string bearer_token(const httplib::Request& req);
// The string at `key`, or `fallback` when absent or not a string (never aborts on a wrong type).
std::string string_field(const Json& body, const char* key, const std::string& fallback = "");
// The authenticated caller, or answers 401 itself.
std::optional<Principal> require_auth(App& app, const httplib::Request& req, httplib::Response& res);
std::int64_t wall_ms();

}  // namespace parley::server
