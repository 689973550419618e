// Record stores behind the routes: a write that meets an existing record answers 409, a store that
// fails answers 503 unavailable (not 409, not 404), and the server keeps serving.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "server_process.hpp"

using namespace parley_test;

namespace {
void run_sql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  CHECK(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}
void drop_table(const std::string& db_path, const char* table) { run_sql(db_path, std::string("DROP TABLE ") + table); }
}  // namespace

TEST_CASE("templates and logins: 409 for a taken key, 503 when the store fails") {
  Running desk;
  const json hello{{"id", "hello"}, {"title", "Hello"}, {"text", "Hello there"}};
  REQUIRE(desk.admin.post("/api/v1/templates", hello).status == 201);
  const Reply again = desk.admin.post("/api/v1/templates", hello);
  CHECK(again.status == 409);
  CHECK(again.code() == "already_exists");
  const json ann{{"login", "ann@example.com"}, {"password", "secret-pass"}, {"roles", {"admin"}}};
  REQUIRE(desk.admin.post("/api/v1/users", ann).status == 201);
  const Reply taken = desk.admin.post("/api/v1/users", ann);
  CHECK(taken.status == 409);
  CHECK(taken.code() == "already_exists");

  drop_table(desk.dir.file("desk.db"), "templates");
  for (const Reply& r : {desk.admin.post("/api/v1/templates", json{{"id", "bye"}, {"title", "Bye"}, {"text", "Bye"}}),
                         desk.admin.get("/api/v1/templates"),
                         desk.admin.put("/api/v1/templates/hello", json{{"title", "Hi"}, {"text", "Hi"}})}) {
    CHECK_MESSAGE(r.status == 503, r.describe());
    CHECK(r.code() == "unavailable");
  }
  const Reply group = desk.admin.post("/api/v1/groups", json{{"id", "g"}, {"name", "G"}});
  REQUIRE_MESSAGE(group.status == 201, group.describe());
  drop_table(desk.dir.file("desk.db"), "channels");
  const Reply channel = desk.admin.post("/api/v1/channels", json{{"id", "web"}, {"kind", "widget"}, {"group", "g"}});
  CHECK_MESSAGE(channel.status == 503, channel.describe());
  CHECK(channel.code() == "unavailable");
  const Reply hook = desk.admin.post("/hooks/v1/web", json{{"user", "u"}, {"text", "hi"}});
  CHECK_MESSAGE(hook.status == 503, hook.describe());
  CHECK(desk.admin.get("/livez").status == 200);
  CHECK(desk.admin.get("/api/v1/agents").status == 200);  // the desk itself is unharmed
}

TEST_CASE("a logout the store cannot record answers 503 and the token keeps working until it is forgotten") {
  Running desk;
  const Reply me = desk.admin.get("/api/v1/me");
  REQUIRE_MESSAGE(me.status == 200, me.describe());
  run_sql(desk.dir.file("desk.db"),
          "CREATE TRIGGER keep_tokens BEFORE DELETE ON tokens BEGIN SELECT RAISE(FAIL, 'disk I/O error'); END");
  const Reply refused = desk.admin.post("/api/v1/auth/logout", json::object());
  CHECK_MESSAGE(refused.status == 503, refused.describe());
  CHECK(refused.code() == "unavailable");
  CHECK(desk.admin.get("/api/v1/me").status == 200);  // not told it was signed out while it was not

  run_sql(desk.dir.file("desk.db"), "DROP TRIGGER keep_tokens");
  const Reply done = desk.admin.post("/api/v1/auth/logout", json::object());
  CHECK_MESSAGE(done.status == 204, done.describe());
  CHECK(desk.admin.get("/api/v1/me").status == 401);
}
