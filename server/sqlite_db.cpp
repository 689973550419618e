// The shared SQLite connection's helpers and the self-finalizing statement.
#include "sqlite_db.hpp"

namespace parley::server {

bool exec_sql(sqlite3* db, const char* sql, std::string& error) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
  error = message ? message : sqlite3_errmsg(db);
  sqlite3_free(message);
  return false;
}

bool has_column(sqlite3* db, const char* table, const char* column) {
  sqlite3_stmt* stmt = nullptr;
  bool found = false;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, column, -1, SQLITE_STATIC);
    found = sqlite3_step(stmt) == SQLITE_ROW;
  }
  sqlite3_finalize(stmt);
  return found;
}

bool SqliteDb::exec(const char* sql, std::string& error) { return exec_sql(handle, sql, error); }

StoreStatus SqliteDb::write_status(int step_result) const {
  if (step_result == SQLITE_DONE) return StoreStatus::ok;
  const int code = sqlite3_extended_errcode(handle);
  if (code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE) return StoreStatus::conflict;
  return StoreStatus::failed;
}

Stored<> stored_insert(SqliteDb& db, Statement& s) {
  const StoreStatus status = db.write_status(s.step());
  return status == StoreStatus::ok ? Stored<>::done() : Stored<>::refused(status, db.last_error());
}

Stored<> stored_step(SqliteDb& db, Statement& s) { return s.step() == SQLITE_DONE ? Stored<>::done() : db.failed(); }

Stored<> stored_change_of_one(SqliteDb& db, Statement& s) {
  const StoreStatus status = db.write_status(s.step());
  if (status != StoreStatus::ok) return Stored<>::refused(status, db.last_error());
  return sqlite3_changes(db.handle) == 1 ? Stored<>::done() : Stored<>::refused(StoreStatus::not_found);
}

Statement& Statement::bind(int i, const std::string& text) {
  if (stmt_) sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int i, std::int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_, i, value);
  return *this;
}

Statement& Statement::bind_blob(int i, const std::string& bytes) {
  if (stmt_) sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_STATIC);
  return *this;
}

void Statement::reset() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int col) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

std::string Statement::blob(int col) {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

}  // namespace parley::server
