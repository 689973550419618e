// Logins and tokens: Argon2id password hashes (libsodium), 256-bit random bearer tokens stored only
// as SHA-256 hashes, expiry, revocation, and login rate limiting (per login from an address, and per
// address). Thread-safe.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model.hpp"
#include "permissions.hpp"
#include "user_store.hpp"

namespace parley::server {

struct Principal {
  std::int64_t user_id = 0;
  std::string login;
  std::string agent;  // the agent this login acts as; empty for pure admin/integration logins
  RoleSet own_roles = 0;  // the users table's roles: what a login without an agent may do
  // The roles it acts with: its agent's (core Agent::roles) when bound to one, else its own.
  bool admin = false, supervisor = false, operator_ = false, reader = false;
};

RoleSet role_set(const std::vector<std::string>& names);
// The desk's view of the caller (core/permissions); nullopt when its agent is unknown or disabled.
std::optional<Login> login_of(const State& state, const Principal& p);

// Reads the current roles of a bound login's agent from the desk; nullopt: unknown or disabled.
using AgentRoles = std::function<std::optional<RoleSet>(const std::string& agent)>;

enum class LoginResult { ok, bad_credentials, rate_limited, failed };

class Auth {
 public:
  explicit Auth(UserStore& store, std::int64_t token_lifetime_ms = 12LL * 3600 * 1000);
  static bool init_library();
  static std::string hash_password(const std::string& password);
  static bool verify_password(const std::string& hash, const std::string& password);
  static std::string random_secret(std::size_t bytes);  // hex

  // On a new database: creates `admin` with `password`, or a random one (returned so it can be printed).
  std::optional<std::string> bootstrap_admin(const std::string& password);
  LoginResult login(const std::string& login, const std::string& password, const std::string& client,
                    std::int64_t now_ms, std::string& token);
  // The token's login; nullopt when unknown, expired or its agent is disabled, and also when the
  // store failed, which `storage_failed` (if given) then tells apart.
  std::optional<Principal> authenticate(const std::string& token, std::int64_t now_ms,
                                        bool* storage_failed = nullptr);
  // False when the store could not forget the token: it then still works until it expires.
  bool logout(const std::string& token);
  static Principal principal_of(const UserRecord& user);
  // Makes bound logins take their agent's roles (set once, before serving).
  void set_agent_roles(AgentRoles source) { agent_roles_ = std::move(source); }
  // Forgets cached tokens of a user (after its login was edited or deleted).
  void forget_user(std::int64_t user_id);

 private:
  static std::string token_hash(const std::string& token);
  // The principal as stored (its own roles), from the cache or the database.
  std::optional<Principal> stored_principal(const std::string& token, std::int64_t now_ms, bool& storage_failed);
  bool throttled(const std::string& key, int limit, std::int64_t now_ms);
  void record_failure(const std::string& key, std::int64_t now_ms);

  UserStore& store_;
  std::int64_t lifetime_ms_;
  std::mutex mutex_;
  struct Cached {
    Principal principal;
    std::int64_t expires_at;
  };
  std::unordered_map<std::string, Cached> cache_;
  std::map<std::string, std::deque<std::int64_t>> failures_;
  std::mutex hashing_;  // Argon2id takes 64 MiB: one at a time
  AgentRoles agent_roles_;
  bool with_agent_roles(Principal& p) const;
};

}  // namespace parley::server
