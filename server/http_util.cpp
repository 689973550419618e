// JSON responses and request checks; the only place an ErrorCode becomes an HTTP status.
#include "http_util.hpp"

#include <chrono>

namespace parley::server {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_command: return 400;
    case ErrorCode::forbidden:
    case ErrorCode::not_assigned:
    case ErrorCode::not_member: return 403;
    case ErrorCode::unknown_agent:
    case ErrorCode::unknown_chat:
    case ErrorCode::unknown_group:
    case ErrorCode::unknown_message: return 404;
    default: return 409;
  }
}

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  send_json(res, status, Json{{"error", Json{{"code", code}, {"message", message}}}});
}

void send_refusal(httplib::Response& res, const Error& error) {
  send_error(res, http_status(error.code), std::string(error_code_name(error.code)), error.message);
}

namespace {
bool strings_within(const Json& json, std::size_t limit) {
  if (json.is_string()) return json.get_ref<const std::string&>().size() <= limit;
  if (json.is_object()) {
    for (auto it = json.begin(); it != json.end(); ++it)
      if (it.key().size() > limit || !strings_within(it.value(), limit)) return false;
  } else if (json.is_array()) {
    for (const Json& item : json)
      if (!strings_within(item, limit)) return false;
  }
  return true;
}
}  // namespace

std::optional<Json> read_json_body(const httplib::Request& req, httplib::Response& res) {
  if (req.body.size() > kMaxBodyBytes) {
    send_error(res, 413, "too_large", "the request body is too large");
    return std::nullopt;
  }
  auto json = parse_json(req.body);
  if (!json || !json->is_object()) {
    send_error(res, 400, "bad_command", "the body must be a JSON object (at most 32 levels deep)");
    return std::nullopt;
  }
  if (!strings_within(*json, kMaxStringBytes)) {
    send_error(res, 400, "bad_command", "a string in the body is longer than 16 KiB");
    return std::nullopt;
  }
  return json;
}

std::string string_field(const Json& body, const char* key, const std::string& fallback) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string bearer_token(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.size() > prefix.size() && header.compare(0, prefix.size(), prefix) == 0)
    return header.substr(prefix.size());
  return {};
}

std::optional<Principal> require_auth(App& app, const httplib::Request& req, httplib::Response& res) {
  std::string token = bearer_token(req);
  if (token.empty() && req.has_param("access_token")) token = req.get_param_value("access_token");
  auto principal = token.empty() ? std::nullopt : app.auth->authenticate(token, wall_ms());
  if (!principal) send_error(res, 401, "unauthorized", "a valid bearer token is required");
  return principal;
}

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace parley::server
