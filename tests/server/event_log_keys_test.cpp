// The event log's key columns: every committed event is stored with its time, type, chat, the
// chat's group and its agent; a log written before the columns existed gets them at start.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <vector>

#include "server_process.hpp"

using namespace parley_test;

namespace {

const char* const kDay = R"(
{"at":"2026-01-05T09:00:00Z","type":"group.create","group":"sales","name":"Sales","settings":{"routing":"accept"}}
{"type":"group.create","group":"support","name":"Support","settings":{"routing":"accept"}}
{"type":"agent.create","agent":"ann","name":"Ann Lee","groups":["sales"],"roles":["operator"]}
{"type":"agent.create","agent":"zed","name":"Zed Zo","groups":["support"],"roles":["operator"]}
{"type":"agent.set_status","agent":"ann","status":"online"}
{"type":"agent.set_status","agent":"zed","status":"online"}
{"at":"2026-01-05T09:01:00Z","type":"chat.start","chat":"c1","group":"sales","channel":"Widget","client":"bob","by":"client"}
{"type":"chat.accept","chat":"c1","agent":"ann"}
{"at":"2026-01-05T09:02:00Z","type":"message.send","chat":"c1","from":"agent:ann","text":"hi"}
{"type":"chat.transfer","chat":"c1","by":"agent:ann","to_group":"support"}
)";

struct Row {
  std::int64_t at;
  std::string type, chat, group, agent;
};

std::vector<Row> rows(const std::string& db_path, const char* where = "") {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  const std::string sql = std::string("SELECT at, type, chat, grp, agent FROM events ") + where + " ORDER BY seq";
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  std::vector<Row> out;
  const auto text = [&](int col) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
    return std::string(p ? p : "(null)");
  };
  while (sqlite3_step(stmt) == SQLITE_ROW)
    out.push_back(Row{sqlite3_column_int64(stmt, 0), text(1), text(2), text(3), text(4)});
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

void exec(const std::string& db_path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  CHECK_MESSAGE(rc == SQLITE_OK, (message ? message : ""));
  sqlite3_free(message);
  sqlite3_close(db);
}

void check_keys(const std::vector<Row>& chat_rows) {
  REQUIRE(chat_rows.size() >= 4);  // started, assigned, sent, transferred
  CHECK(chat_rows[0].type == "chat.started");
  CHECK(chat_rows[0].group == "sales");
  CHECK(chat_rows[1].agent == "ann");
  CHECK(chat_rows[2].type == "message.sent");
  CHECK(chat_rows[2].agent == "ann");
  CHECK(chat_rows[2].at == *parse_utc_ms("2026-01-05T09:02:00Z"));
  CHECK(chat_rows[3].type == "chat.transferred");
  CHECK(chat_rows[3].group == "support");  // the chat's group right after the event
}

}  // namespace

TEST_CASE("every committed event is stored with its keys") {
  Running desk;
  REQUIRE(run_script(desk.admin, kDay) == "");
  REQUIRE(desk.admin.command(json{{"type", "message.send"}, {"chat", "c1"}, {"from", "client"}, {"text", "x"}}).status ==
          200);
  CHECK(desk.server.stop() == 0);
  const auto chat_rows = rows(desk.dir.file("desk.db"), "WHERE chat = 'c1'");
  check_keys(chat_rows);
  REQUIRE(chat_rows.size() == 5);
  CHECK(chat_rows[4].agent == "");  // the client's message
  CHECK(chat_rows[4].group == "support");
  CHECK(rows(desk.dir.file("desk.db"), "WHERE type = 'agent.status_changed'").at(0).agent == "ann");
  CHECK(rows(desk.dir.file("desk.db"), "WHERE type = 'group.created'").at(1).group == "support");
}

TEST_CASE("a log written before the key columns gets them at start, and the desk is unchanged") {
  Running desk;
  REQUIRE(run_script(desk.admin, kDay) == "");
  const json before = desk.admin.get("/api/v1/chats/c1").body;
  CHECK(desk.server.stop() == 0);
  // The table as it was: seq and body only.
  exec(desk.dir.file("desk.db"),
       "BEGIN; CREATE TABLE old_events (seq INTEGER PRIMARY KEY, body TEXT NOT NULL);"
       "INSERT INTO old_events SELECT seq, body FROM events; DROP TABLE events;"
       "ALTER TABLE old_events RENAME TO events; COMMIT;");
  REQUIRE(desk.server.start());
  desk.admin = Api(desk.server.port());
  REQUIRE(desk.admin.sign_in("admin", kAdminPassword));
  CHECK(desk.admin.get("/api/v1/chats/c1").body == before);
  CHECK(desk.server.stop() == 0);
  check_keys(rows(desk.dir.file("desk.db"), "WHERE chat = 'c1'"));
  CHECK(rows(desk.dir.file("desk.db"), "WHERE type IS NULL OR at IS NULL").empty());
}
