// libsodium-backed credentials. Failed logins are limited per login from one client address (5 a
// minute) and per client address over all logins (20 a minute); beyond either, that pair or address is
// answered 429 until the window passes, while the same login from elsewhere is not held up.
#include "auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <iterator>

namespace parley::server {

namespace {
constexpr int kMaxFailuresPerLogin = 5;     // one login from one address, in a window
constexpr int kMaxFailuresPerAddress = 20;  // every login from one address, in a window
constexpr std::int64_t kFailureWindowMs = 60 * 1000;
constexpr std::size_t kSweepAbove = 10000;  // failure records kept before expired ones are dropped

// An Argon2id hash of a random password with the same cost as real ones: an unknown login is checked
// against it so that it takes as long as a known one (login names cannot be found by timing).
const std::string& dummy_hash() {
  static const std::string hash = Auth::hash_password(Auth::random_secret(16));
  return hash;
}

bool has(const std::vector<std::string>& roles, const char* role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}
}  // namespace

Auth::Auth(UserStore& store, std::int64_t token_lifetime_ms) : store_(store), lifetime_ms_(token_lifetime_ms) {}

bool Auth::init_library() { return sodium_init() >= 0; }

std::string Auth::hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return {};
  return out;
}

bool Auth::verify_password(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string Auth::random_secret(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

std::string Auth::token_hash(const std::string& token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

RoleSet role_set(const std::vector<std::string>& names) {
  RoleSet roles = 0;
  if (has(names, "admin")) roles |= kRoleAdmin;
  if (has(names, "supervisor")) roles |= kRoleSupervisor;
  if (has(names, "operator")) roles |= kRoleOperator;
  if (has(names, "reader")) roles |= kRoleReader;
  return roles;
}

std::optional<Login> login_of(const State& state, const Principal& p) {
  return login_for(state, p.agent, p.own_roles);
}

namespace {
void set_flags(Principal& p, RoleSet roles) {
  p.admin = roles & kRoleAdmin;
  p.supervisor = roles & kRoleSupervisor;
  p.operator_ = roles & kRoleOperator;
  p.reader = roles & kRoleReader;
}
}  // namespace

Principal Auth::principal_of(const UserRecord& user) {
  Principal p;
  p.user_id = user.id;
  p.login = user.login;
  p.agent = user.agent;
  p.own_roles = role_set(user.roles);
  set_flags(p, p.own_roles);
  return p;
}

bool Auth::with_agent_roles(Principal& p) const {
  if (p.agent.empty() || !agent_roles_) return true;
  const std::optional<RoleSet> roles = agent_roles_(p.agent);
  if (!roles) return false;
  set_flags(p, *roles);
  return true;
}

void Auth::forget_user(std::int64_t user_id) {
  std::lock_guard lock(mutex_);
  for (auto it = cache_.begin(); it != cache_.end();)
    it = it->second.principal.user_id == user_id ? cache_.erase(it) : std::next(it);
}

std::optional<std::string> Auth::bootstrap_admin(const std::string& password) {
  const auto users = store_.count();
  if (!users.ok() || *users != 0) return std::nullopt;
  const std::string chosen = password.empty() ? random_secret(12) : password;
  UserRecord admin;
  admin.login = "admin";
  admin.password_hash = hash_password(chosen);
  admin.roles = {"admin"};
  if (!store_.create(admin).ok()) return std::nullopt;
  if (!password.empty()) return std::string();
  return chosen;
}

bool Auth::throttled(const std::string& key, int limit, std::int64_t now_ms) {
  const auto found = failures_.find(key);
  if (found == failures_.end()) return false;
  auto& times = found->second;
  while (!times.empty() && times.front() <= now_ms - kFailureWindowMs) times.pop_front();
  return static_cast<int>(times.size()) >= limit;
}

void Auth::record_failure(const std::string& key, std::int64_t now_ms) {
  if (failures_.size() > kSweepAbove)
    for (auto it = failures_.begin(); it != failures_.end();)
      it = !it->second.empty() && it->second.back() > now_ms - kFailureWindowMs ? std::next(it) : failures_.erase(it);
  failures_[key].push_back(now_ms);
}

LoginResult Auth::login(const std::string& login, const std::string& password, const std::string& client,
                        std::int64_t now_ms, std::string& token) {
  // The address and the login are joined by a byte no address holds, so the keys cannot collide.
  const std::string login_key = "login:" + client + '\n' + login, client_key = "client:" + client;
  {
    std::lock_guard lock(mutex_);
    if (throttled(login_key, kMaxFailuresPerLogin, now_ms) || throttled(client_key, kMaxFailuresPerAddress, now_ms))
      return LoginResult::rate_limited;
  }
  const auto found = store_.by_login(login);
  if (found.failed()) return LoginResult::failed;
  const std::optional<UserRecord> user = found.ok() ? std::optional(found.value) : std::nullopt;
  bool good = false;
  {
    std::lock_guard hashing(hashing_);
    good = verify_password(user ? user->password_hash : dummy_hash(), password) && user;
  }
  if (!good) {
    std::lock_guard lock(mutex_);
    record_failure(login_key, now_ms);
    record_failure(client_key, now_ms);
    return LoginResult::bad_credentials;
  }
  if (Principal bound = principal_of(*user); !with_agent_roles(bound)) return LoginResult::bad_credentials;
  token = random_secret(32);
  const std::int64_t expires = now_ms + lifetime_ms_;
  if (!store_.add_token(token_hash(token), TokenRecord{user->id, expires}).ok()) return LoginResult::failed;
  std::lock_guard lock(mutex_);
  cache_[token_hash(token)] = Cached{principal_of(*user), expires};
  return LoginResult::ok;
}

std::optional<Principal> Auth::authenticate(const std::string& token, std::int64_t now_ms, bool* storage_failed) {
  bool failed = false;
  std::optional<Principal> p = stored_principal(token, now_ms, failed);
  if (storage_failed) *storage_failed = failed;
  if (!p || !with_agent_roles(*p)) return std::nullopt;
  return p;
}

std::optional<Principal> Auth::stored_principal(const std::string& token, std::int64_t now_ms, bool& storage_failed) {
  if (token.size() != 64) return std::nullopt;
  const std::string hash = token_hash(token);
  {
    std::lock_guard lock(mutex_);
    const auto cached = cache_.find(hash);
    if (cached != cache_.end()) {
      if (cached->second.expires_at > now_ms) return cached->second.principal;
      cache_.erase(cached);
      return std::nullopt;
    }
  }
  const auto row = store_.token(hash);
  storage_failed = row.failed();
  if (!row.ok() || row->expires_at_ms <= now_ms) return std::nullopt;
  const auto user = store_.by_id(row->user_id);
  storage_failed = user.failed();
  if (!user.ok()) return std::nullopt;
  std::lock_guard lock(mutex_);
  cache_[hash] = Cached{principal_of(*user), row->expires_at_ms};
  return principal_of(*user);
}

bool Auth::logout(const std::string& token) {
  const std::string hash = token_hash(token);
  if (!store_.revoke_token(hash).ok()) return false;
  std::lock_guard lock(mutex_);
  cache_.erase(hash);
  return true;
}

}  // namespace parley::server
