// A webhook delivery retried as it was sent: after a crash that remembered its signature but stored no
// message, the retry stores the message once; a replay of a stored message, or of one without
// message_id, stays refused (401).
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstring>
#include <ctime>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kSecret = "replay-test-secret";

std::string sign(const std::string& timestamp, const std::string& body) {
  return webhook_signature(kSecret, timestamp, body);
}

Reply hook(int port, const std::string& body, const std::string& timestamp, const std::string& signature) {
  Api api(port);
  api.set_header("X-Parley-Timestamp", timestamp);
  api.set_header("X-Parley-Signature", signature);
  return api.post_raw("/hooks/v1/chatapp", body);
}

// What a crash right after the replay guard leaves in the database: the signature, and no message.
void remember_as_before_a_crash(const std::string& db_path, const std::string& signature) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  const std::string sql = "INSERT INTO webhook_signatures(signature, seen_at) VALUES('" + signature + "', " +
                          std::to_string(static_cast<long long>(std::time(nullptr)) * 1000) + ")";
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  CHECK_MESSAGE(rc == SQLITE_OK, (error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(db);
}

int copies_of(const Api& api, const std::string& chat, const std::string& text) {
  int n = 0;
  for (const json& item : api.get("/api/v1/chats/" + chat).body.value("timeline", json::array()))
    n += item.value("type", "") == "message" && item.value("text", "") == text;
  return n;
}

long last_seq(const Api& api) {
  const std::string text = api.get("/metrics").text;
  const std::string key = "parley_event_log_last_seq ";
  const auto at = text.find(key);
  return at == std::string::npos ? -1 : std::stol(text.substr(at + key.size()));
}

}  // namespace

TEST_CASE("a delivery retried as is after a crash that stored nothing is stored once") {
  Running desk(ClockMode::system);
  REQUIRE(desk.admin.post("/api/v1/groups", json{{"id", "sales"}, {"name", "Sales"}}).status == 201);
  REQUIRE(desk.admin.post("/api/v1/channels", json{{"id", "chatapp"}, {"kind", "webhook"}, {"name", "ChatApp"},
                                                   {"group", "sales"}, {"secret", kSecret}}).status == 201);
  const std::string ts = std::to_string(std::time(nullptr));
  const std::string with_id = json{{"user", "u-7"}, {"text", "Where is my parcel?"}, {"message_id", "m-1"}}.dump();
  const std::string without_id = json{{"user", "u-8"}, {"text", "Any news?"}}.dump();

  desk.server.kill9();
  remember_as_before_a_crash(desk.dir.file("desk.db"), sign(ts, with_id));
  remember_as_before_a_crash(desk.dir.file("desk.db"), sign(ts, without_id));
  REQUIRE_MESSAGE(desk.server.start(), desk.server.log());
  const int port = desk.server.port();
  Api admin(port, desk.admin.token());

  const Reply retried = hook(port, with_id, ts, sign(ts, with_id));
  REQUIRE_MESSAGE(retried.status == 202, retried.describe());
  const std::string chat = retried.body["chat"].get<std::string>();
  CHECK(copies_of(admin, chat, "Where is my parcel?") == 1);
  // Once stored, the same request again is a replay.
  const long seq = last_seq(admin);
  const Reply replay = hook(port, with_id, ts, sign(ts, with_id));
  CHECK(replay.status == 401);
  CHECK(replay.code() == "unauthorized");
  CHECK(copies_of(admin, chat, "Where is my parcel?") == 1);
  // Without message_id a retry cannot be told from a replay: refused, nothing stored.
  const Reply unknown = hook(port, without_id, ts, sign(ts, without_id));
  CHECK(unknown.status == 401);
  CHECK(last_seq(admin) == seq);
}
