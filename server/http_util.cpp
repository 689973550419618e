// JSON responses, request checks and authentication of the caller (errors: errors.cpp).
#include "http_util.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "audit_context.hpp"

namespace parley::server {

std::string json_text(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t more = 0;
    unsigned min = 0, code = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      more = 1, min = 0x80, code = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      more = 2, min = 0x800, code = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      more = 3, min = 0x10000, code = byte & 0x07;
    } else {
      return false;
    }
    if (i + more >= text.size()) return false;
    for (std::size_t k = 1; k <= more; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += more + 1;
  }
  return true;
}

bool request_text_valid(const httplib::Request& req) {
  if (!valid_utf8(req.path)) return false;
  for (const auto& [key, value] : req.params)
    if (!valid_utf8(key) || !valid_utf8(value)) return false;
  for (const auto& [name, value] : req.headers)
    if (!valid_utf8(name) || !valid_utf8(value)) return false;
  return true;
}

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(json_text(body), "application/json");
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
    send_error(res, ServerError::too_large, "the request body is too large");
    return std::nullopt;
  }
  auto json = parse_json(req.body);
  if (!json || !json->is_object()) {
    send_error(res, ServerError::bad_command, "the body must be a JSON object (at most 32 levels deep)");
    return std::nullopt;
  }
  if (!strings_within(*json, kMaxStringBytes)) {
    send_error(res, ServerError::bad_command, "a string in the body is longer than 16 KiB");
    return std::nullopt;
  }
  return json;
}

std::string string_field(const Json& body, const char* key, const std::string& fallback) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::optional<std::string> idempotency_key(const Json& body, const char* key, std::size_t max_bytes,
                                           httplib::Response& res) {
  return optional_string(body, key, max_bytes, res);
}

std::optional<std::string> optional_string(const Json& body, const char* key, std::size_t max_bytes,
                                           httplib::Response& res) {
  const auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) {
    send_error(res, ServerError::bad_command, std::string(key) + " must be a string");
    return std::nullopt;
  }
  if (it->get_ref<const std::string&>().size() > max_bytes) {
    send_error(res, ServerError::bad_command, std::string(key) + " is longer than " + std::to_string(max_bytes) + " bytes");
    return std::nullopt;
  }
  return it->get<std::string>();
}

void send_store_failure(httplib::Response& res, std::string_view what, const std::string& detail) {
  std::fprintf(stderr, "{\"ts\":%lld,\"level\":\"error\",\"msg\":%s,\"store\":%s}\n",
               static_cast<long long>(wall_ms()), json_text(Json(std::string(what))).c_str(),
               json_text(Json(detail)).c_str());
  send_error(res, ServerError::unavailable, what);
}

bool reply_ok(const Reply& reply, httplib::Response& res) {
  if (reply.storage_failed) {
    send_error(res, ServerError::unavailable, "the change could not be stored");
    return false;
  }
  if (reply.error) {
    send_refusal(res, *reply.error);
    return false;
  }
  return true;
}

std::string bearer_token(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.size() > prefix.size() && header.compare(0, prefix.size(), prefix) == 0)
    return header.substr(prefix.size());
  return {};
}

bool takes_query_token(const std::string& path) { return path == "/api/v1/stream" || path == "/widget/v1/stream"; }

std::string request_token(const httplib::Request& req) {
  std::string token = bearer_token(req);
  if (token.empty() && takes_query_token(req.path) && req.has_param("access_token"))
    token = req.get_param_value("access_token");
  return token;
}

std::optional<Principal> require_auth(App& app, const httplib::Request& req, httplib::Response& res) {
  const std::string token = request_token(req);
  bool storage_failed = false;
  auto principal = token.empty() ? std::nullopt : app.auth->authenticate(token, wall_ms(), &storage_failed);
  if (!principal && storage_failed) send_error(res, ServerError::unavailable, "the login could not be read");
  else if (!principal) send_error(res, ServerError::unauthorized, "a valid bearer token is required");
  else audit_set_actor(principal->login);
  return principal;
}

std::uint64_t last_event_id(const httplib::Request& req) {
  std::string text = req.get_header_value("Last-Event-ID");
  if (text.empty() && req.has_param("last_event_id")) text = req.get_param_value("last_event_id");
  if (text.empty() || text.size() > 19 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;
  return std::stoull(text);
}

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace parley::server
