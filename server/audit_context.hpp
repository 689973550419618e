// Who is changing records on this thread, and when, for the record-change audit the database's
// triggers write: set at the start of every request (time) and when its login is known (actor).
#pragma once
#include <cstdint>
#include <string>

namespace parley::server {

// A new request on this thread: nobody known yet, at the desk's time `now_ms`.
void audit_begin_request(std::int64_t now_ms);
// The request's login, once authenticated.
void audit_set_actor(const std::string& login);
// The request's authenticated login, "" when none.
const std::string& audit_login();
// The login changing records ("system" outside a request or before sign-in: the server itself).
const std::string& audit_actor();
// The desk's time of this request, or the wall clock outside a request.
std::int64_t audit_now_ms();

}  // namespace parley::server
