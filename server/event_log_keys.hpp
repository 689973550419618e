// The event log's key columns (at, type, chat, grp, agent) and their indexes: added to a log made
// before they existed and filled in by replaying it once. Called by SqliteStore::open.
#pragma once
#include <sqlite3.h>

#include <string>

namespace parley::server {

// Idempotent: quick when the columns are there. False (with `error`) if the log cannot be read.
bool ensure_event_keys(sqlite3* db, std::string& error);

}  // namespace parley::server
