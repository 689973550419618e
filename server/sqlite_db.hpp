// The SQLite connection the SQLite stores share, with its lock, and a prepared statement that
// finalizes itself. A statement that failed to prepare binds nothing and steps to SQLITE_ERROR, so a
// store answers a failure instead of crashing. Callers hold `mutex` across their statements.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "store_result.hpp"

namespace parley::server {

// One or more statements without results; false with SQLite's message in `error`.
bool exec_sql(sqlite3* db, const char* sql, std::string& error);
// Whether `table` of the main database has `column`.
bool has_column(sqlite3* db, const char* table, const char* column);

struct SqliteDb {
  sqlite3* handle = nullptr;
  std::mutex mutex;

  bool exec(const char* sql, std::string& error);
  std::string last_error() const { return handle ? sqlite3_errmsg(handle) : "no database"; }
  // What a write's last step means: done, a unique or primary key taken (conflict), or a failure.
  StoreStatus write_status(int step_result) const;
  template <class T = Unit>
  Stored<T> failed() const {
    return Stored<T>::refused(StoreStatus::failed, last_error());
  }
};

class Statement {
 public:
  Statement(SqliteDb& db, const char* sql) { sqlite3_prepare_v2(db.handle, sql, -1, &stmt_, nullptr); }
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return stmt_ != nullptr; }
  Statement& bind(int i, const std::string& text);
  Statement& bind(int i, std::int64_t value);
  Statement& bind_blob(int i, const std::string& bytes);  // `bytes` must outlive step()
  int step() { return stmt_ ? sqlite3_step(stmt_) : SQLITE_ERROR; }
  void reset();
  std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }
  std::string text(int col);
  std::string blob(int col);

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// What one statement's step means to a store, for the common shapes of statement:
// a write (a key taken is a conflict), a write that must succeed, an UPDATE/DELETE of one row
// (no row changed is not_found), one row read with `read(statement)`, or every row read.
Stored<> stored_insert(SqliteDb& db, Statement& s);
Stored<> stored_step(SqliteDb& db, Statement& s);
Stored<> stored_change_of_one(SqliteDb& db, Statement& s);

template <class T, class Read>
Stored<T> stored_row(SqliteDb& db, Statement& s, Read read) {
  const int step = s.step();
  if (step == SQLITE_ROW) return Stored<T>::done(read(s));
  if (step == SQLITE_DONE) return Stored<T>::refused(StoreStatus::not_found);
  return db.failed<T>();
}

template <class T, class Read>
Stored<std::vector<T>> stored_rows(SqliteDb& db, Statement& s, Read read) {
  std::vector<T> out;
  int step = 0;
  while ((step = s.step()) == SQLITE_ROW) out.push_back(read(s));
  if (step != SQLITE_DONE) return db.failed<std::vector<T>>();
  return Stored<std::vector<T>>::done(std::move(out));
}

}  // namespace parley::server
