// Logins and their bearer tokens (stored as hashes). A login is unique: creating one that exists is
// a conflict. Deleting a login removes its tokens in the same step. Thread-safe.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store_result.hpp"

namespace parley::server {

struct UserRecord {
  std::int64_t id = 0;
  std::string login, password_hash, agent;
  std::vector<std::string> roles;
};

struct TokenRecord {
  std::int64_t user_id = 0, expires_at_ms = 0;
};

class UserStore {
 public:
  virtual ~UserStore() = default;
  virtual Stored<UserRecord> by_login(const std::string& login) = 0;
  virtual Stored<UserRecord> by_id(std::int64_t id) = 0;
  virtual Stored<std::vector<UserRecord>> list() = 0;
  virtual Stored<std::size_t> count() = 0;
  // The new login's id; conflict when the login exists.
  virtual Stored<std::int64_t> create(const UserRecord& user) = 0;
  // Replaces password hash, roles and agent of the login with `user.id`; not_found when none.
  virtual Stored<> update(const UserRecord& user) = 0;
  // Removes the login and every token it holds; not_found when none.
  virtual Stored<> remove(std::int64_t id) = 0;

  virtual Stored<> add_token(const std::string& token_hash, const TokenRecord& token) = 0;
  virtual Stored<TokenRecord> token(const std::string& token_hash) = 0;
  virtual Stored<> revoke_token(const std::string& token_hash) = 0;

  // The login's own settings: one JSON text kept for the workspace; not_found when none was kept.
  virtual Stored<std::string> settings(std::int64_t user_id) = 0;
  virtual Stored<> set_settings(std::int64_t user_id, const std::string& body) = 0;
};

}  // namespace parley::server
