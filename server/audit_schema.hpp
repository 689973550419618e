// The audit's part of the desk's SQLite file: the record_changes table, the events' login column, and
// the connection's triggers that write a record_changes row inside the same statement (so the same
// transaction) as every change of a login, token, channel, template or login's settings. Summaries
// never hold a password hash, token, channel secret or template text.
#pragma once
#include <sqlite3.h>

#include <string>

namespace parley::server {

// Idempotent; call once per connection after the base schema (the triggers are the connection's own).
bool ensure_audit_schema(sqlite3* db, std::string& error);

}  // namespace parley::server
