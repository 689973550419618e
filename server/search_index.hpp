// The search index on the desk's SQLite file: session names and message texts, folded, in FTS5
// trigram tables, written in the same transaction as the events that carry the text (see
// SqliteStore::append) and read through a connection of its own, so a search never waits for a commit.
#pragma once
#include <sqlite3.h>

#include <string>
#include <vector>

#include "search_update.hpp"
#include "sqlite_db.hpp"
#include "store_result.hpp"

namespace parley::server {

// Makes the index's tables, or, when any of them is missing (a file from before the index, or one
// dropped by hand), drops what is left and rebuilds them all from the event log in one transaction.
// Quick when they are all there. False (with `error`) if the log cannot be read or written.
bool ensure_search_index(sqlite3* db, std::string& error);

// Writes one event's update; the caller holds the connection and its open transaction.
bool write_search_update(sqlite3* db, const SearchUpdate& update, std::string& error);

// The read side. Needles are folded (fold_for_search) and matched as substrings of the folded texts,
// as the core's search does: FTS5 trigram phrases for 3 code points or more, a scan below that.
class SearchIndex {
 public:
  SearchIndex() = default;
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Opens its own read-only connection to the file (whose schema ensure_search_index made).
  bool open(const std::string& path, std::string& error);
  // The ids of the sessions whose name contains `needle`, in no particular order; with `groups`, only
  // those in one of these groups (a first cut: the caller still checks what the State says).
  Stored<std::vector<std::string>> chats_named(const std::string& needle, const std::vector<std::string>* groups);
  // Whether the name of `chat` contains `needle` (false for a chat the index does not know).
  Stored<bool> name_matches(const std::string& chat, const std::string& needle);
  // The ids of the messages of `chat` whose text or a file name contains `needle`, oldest first.
  Stored<std::vector<std::string>> messages(const std::string& chat, const std::string& needle);

 private:
  SqliteDb db_;
};

}  // namespace parley::server
