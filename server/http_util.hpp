// Helpers shared by the route files: JSON answers, desk replies and errors (errors.hpp), request
// bodies under limits, request text checks, and authentication of the caller. Thread-safe.
#pragma once
#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

#include "app.hpp"
#include "errors.hpp"
#include "permissions.hpp"
#include "store_result.hpp"
#include "result.hpp"
#include "wire.hpp"

namespace parley::server {

constexpr std::size_t kMaxStringBytes = 16 * 1024;
constexpr std::size_t kMaxBodyBytes = 1 << 20;  // a JSON body (uploads: Config::max_attachment_bytes)

// JSON text in which any string that is not valid UTF-8 has its bad bytes replaced by U+FFFD: the
// serialiser would otherwise abort the process (the core builds nlohmann::json with JSON_NOEXCEPTION).
std::string json_text(const Json& value);
bool valid_utf8(std::string_view text);
// True when the request's decoded path, query parameters and header values are all valid UTF-8.
bool request_text_valid(const httplib::Request& req);
void send_json(httplib::Response& res, int status, const Json& body);
// Parses the body as a JSON object within size, depth and string-size limits; answers 413/400 itself
// on failure.
std::optional<Json> read_json_body(const httplib::Request& req, httplib::Response& res);
// Answers a record store's failure (503 unavailable, `what` went wrong) and logs what the storage said.
void send_store_failure(httplib::Response& res, std::string_view what, const std::string& detail);
template <class T>
void send_store_failure(httplib::Response& res, std::string_view what, const Stored<T>& result) {
  send_store_failure(res, what, result.error);
}
// False after answering a desk reply that stored nothing (503 unavailable) or was refused (the refusal).
bool reply_ok(const Reply& reply, httplib::Response& res);
std::string bearer_token(const httplib::Request& req);
// The string at `key`, or `fallback` when absent or not a string (never aborts on a wrong type).
std::string string_field(const Json& body, const char* key, const std::string& fallback = "");
// An optional string field: the string at `key`, "" when absent or null, or nullopt after answering
// 400 bad_command when it has another type (a number is not taken for "no value") or is longer than
// `max_bytes`.
std::optional<std::string> optional_string(const Json& body, const char* key, std::size_t max_bytes,
                                           httplib::Response& res);
// An idempotency key (`client_msg_id`, `message_id`): the string at `key`, "" when absent or null, or
// nullopt after answering 400 bad_command when it has another type or is longer than `max_bytes`.
std::optional<std::string> idempotency_key(const Json& body, const char* key, std::size_t max_bytes,
                                           httplib::Response& res);
// Whether `path` is an event stream, the only kind of route that takes a token as ?access_token=
// (EventSource cannot send headers); every other route reads only the Authorization header.
bool takes_query_token(const std::string& path);
// The caller's token: the bearer token, or ?access_token= on an event stream; "" when none.
std::string request_token(const httplib::Request& req);
// The authenticated caller, or answers 401 itself.
std::optional<Principal> require_auth(App& app, const httplib::Request& req, httplib::Response& res);
// Calls `answer(state, login, chat)` under the desk's read lock when the caller may read chat `id`;
// else answers 404 unknown_chat (a chat one may not read is not said to exist).
template <class Answer>
void answer_readable_chat(App& app, const Principal& p, const std::string& id, httplib::Response& res, Answer&& answer) {
  app.desk->read([&](const State& state, Timestamp) {
    const Chat* chat = state.find_chat(id);
    const auto login = login_of(state, p);
    if (!chat || !login || !may_read_chat(state, *login, *chat))
      return send_error(res, ServerError::unknown_chat, "no chat " + id);
    answer(state, *login, *chat);
  });
}
// Where an event stream resumes: the Last-Event-ID header, else ?last_event_id= (EventSource cannot
// set headers on its first request); 0 (from the start) when absent or not a decimal seq.
std::uint64_t last_event_id(const httplib::Request& req);
std::int64_t wall_ms();

}  // namespace parley::server
