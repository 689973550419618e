// Logins and tokens on SQLite (tables users, tokens); roles are kept as a JSON array of names.
#include <nlohmann/json.hpp>

#include "sqlite_record_stores.hpp"

namespace parley::server {

namespace {

constexpr const char* kColumns = "SELECT id, login, password_hash, roles, agent FROM users";

std::vector<std::string> roles_from_text(const std::string& text) {
  std::vector<std::string> roles;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_array())
    for (const auto& r : json)
      if (r.is_string()) roles.push_back(r.get<std::string>());
  return roles;
}

UserRecord user_from(Statement& s) {
  return UserRecord{s.integer(0), s.text(1), s.text(2), s.text(4), roles_from_text(s.text(3))};
}

}  // namespace

Stored<UserRecord> SqliteUserStore::one(const char* sql, const std::string* text, std::int64_t number) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, sql);
  if (text) s.bind(1, *text);
  else s.bind(1, number);
  return stored_row<UserRecord>(db_, s, [](Statement& row) { return user_from(row); });
}

Stored<UserRecord> SqliteUserStore::by_login(const std::string& login) {
  static const std::string sql = std::string(kColumns) + " WHERE login = ?";
  return one(sql.c_str(), &login, 0);
}

Stored<UserRecord> SqliteUserStore::by_id(std::int64_t id) {
  static const std::string sql = std::string(kColumns) + " WHERE id = ?";
  return one(sql.c_str(), nullptr, id);
}

Stored<std::vector<UserRecord>> SqliteUserStore::list() {
  static const std::string sql = std::string(kColumns) + " ORDER BY id";
  std::lock_guard lock(db_.mutex);
  Statement s(db_, sql.c_str());
  return stored_rows<UserRecord>(db_, s, [](Statement& row) { return user_from(row); });
}

Stored<std::size_t> SqliteUserStore::count() {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT COUNT(*) FROM users");
  if (s.step() != SQLITE_ROW) return db_.failed<std::size_t>();
  return Stored<std::size_t>::done(static_cast<std::size_t>(s.integer(0)));
}

Stored<std::int64_t> SqliteUserStore::create(const UserRecord& user) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "INSERT INTO users(login, password_hash, roles, agent) VALUES(?, ?, ?, ?)");
  s.bind(1, user.login).bind(2, user.password_hash).bind(3, nlohmann::json(user.roles).dump()).bind(4, user.agent);
  const StoreStatus status = db_.write_status(s.step());
  if (status != StoreStatus::ok) return Stored<std::int64_t>::refused(status, db_.last_error());
  return Stored<std::int64_t>::done(sqlite3_last_insert_rowid(db_.handle));
}

Stored<> SqliteUserStore::update(const UserRecord& user) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "UPDATE users SET password_hash = ?, roles = ?, agent = ? WHERE id = ?");
  s.bind(1, user.password_hash).bind(2, nlohmann::json(user.roles).dump()).bind(3, user.agent).bind(4, user.id);
  return stored_change_of_one(db_, s);
}

Stored<> SqliteUserStore::remove(std::int64_t id) {
  std::lock_guard lock(db_.mutex);
  std::string error;
  if (!db_.exec("BEGIN IMMEDIATE", error)) return Stored<>::refused(StoreStatus::failed, error);
  Statement tokens(db_, "DELETE FROM tokens WHERE user_id = ?");
  tokens.bind(1, id);
  Statement settings(db_, "DELETE FROM user_settings WHERE user_id = ?");
  settings.bind(1, id);
  Statement user(db_, "DELETE FROM users WHERE id = ?");
  user.bind(1, id);
  Stored<> result = stored_step(db_, tokens);
  if (result.ok()) result = stored_step(db_, settings);
  if (result.ok()) result = stored_change_of_one(db_, user);
  if (result.ok() && !db_.exec("COMMIT", error)) result = Stored<>::refused(StoreStatus::failed, error);
  if (!result.ok()) db_.exec("ROLLBACK", error);
  return result;
}

Stored<> SqliteUserStore::add_token(const std::string& token_hash, const TokenRecord& token) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "INSERT INTO tokens(hash, user_id, expires_at) VALUES(?, ?, ?)");
  s.bind(1, token_hash).bind(2, token.user_id).bind(3, token.expires_at_ms);
  return stored_insert(db_, s);
}

Stored<TokenRecord> SqliteUserStore::token(const std::string& token_hash) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT user_id, expires_at FROM tokens WHERE hash = ?");
  s.bind(1, token_hash);
  return stored_row<TokenRecord>(db_, s, [](Statement& row) { return TokenRecord{row.integer(0), row.integer(1)}; });
}

Stored<> SqliteUserStore::revoke_token(const std::string& token_hash) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "DELETE FROM tokens WHERE hash = ?");
  s.bind(1, token_hash);
  return stored_step(db_, s);
}

Stored<std::string> SqliteUserStore::settings(std::int64_t user_id) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT body FROM user_settings WHERE user_id = ?");
  s.bind(1, user_id);
  return stored_row<std::string>(db_, s, [](Statement& row) { return row.text(0); });
}

Stored<> SqliteUserStore::set_settings(std::int64_t user_id, const std::string& body) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_,
              "INSERT INTO user_settings(user_id, body) VALUES(?, ?) "
              "ON CONFLICT(user_id) DO UPDATE SET body = excluded.body");
  s.bind(1, user_id).bind(2, body);
  return stored_insert(db_, s);
}

}  // namespace parley::server
