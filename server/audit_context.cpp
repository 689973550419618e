// The audit's thread-local request context.
#include "audit_context.hpp"

#include <chrono>

namespace parley::server {

namespace {
thread_local std::string actor;
thread_local std::int64_t now_ms = 0;
const std::string kSystem = "system";
}  // namespace

void audit_begin_request(std::int64_t now) {
  actor.clear();
  now_ms = now;
}

void audit_set_actor(const std::string& login) { actor = login; }

const std::string& audit_login() { return actor; }

const std::string& audit_actor() { return actor.empty() ? kSystem : actor; }

std::int64_t audit_now_ms() {
  if (now_ms != 0) return now_ms;
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace parley::server
