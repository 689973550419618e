// One run of a support agent action: the POST to its endpoint, guarded. The endpoint must be allowed
// by the allowlist (core endpoint_refusal); its host is resolved once, every address checked with the
// core's address_allowed, and the connection made to the checked address (the name kept for the Host
// header, TLS SNI and certificate checks, no redirects followed). A call has a time limit; a connect
// error, a timeout or a 5xx answer is tried once more; an answer over the size limit is an error.
// Blocking; thread-safe (no shared state).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "support_actions.hpp"
#include "wire.hpp"

namespace parley::server {

struct ActionCallOptions {
  int timeout_ms = 5000;                   // each attempt: connect, send, and the whole answer
  std::size_t max_answer_bytes = 64 * 1024;
};

struct ActionCallResult {
  bool ok = false;
  std::string text;  // ok: the answer ("text" of a JSON object answer, else the body); else what went wrong
  int attempts = 0;  // calls made (0: refused before any)
};

ActionCallResult call_action(const ActionDefinition& definition, const std::vector<std::string>& allowlist,
                             const Json& payload, const ActionCallOptions& options);

}  // namespace parley::server
