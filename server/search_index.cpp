// The search index's tables, its writes inside the log's transaction, its one-time rebuild from the
// log, and its reads. A session has a key; its messages' rows take the ids key << 24 + 1, + 2, ...
// in log order, so one session's rows are one rowid range that an FTS5 query can be limited to.
#include "search_index.hpp"

#include <algorithm>
#include <cstdint>

#include "wire.hpp"

namespace parley::server {

namespace {

constexpr int kRowBits = 24;  // rows (a text or a file name) per session: 2^24 - 1
constexpr std::int64_t kRowMask = (std::int64_t{1} << kRowBits) - 1;

const char* kObjects[] = {"search_chats",         "search_chats_by_group", "search_messages",
                          "name_search",          "message_search",        "search_chats_added",
                          "search_chats_changed", "search_chats_removed",  "search_messages_added",
                          "search_messages_removed"};

const char* kDrop = R"sql(
DROP TRIGGER IF EXISTS search_chats_added; DROP TRIGGER IF EXISTS search_chats_changed;
DROP TRIGGER IF EXISTS search_chats_removed; DROP TRIGGER IF EXISTS search_messages_added;
DROP TRIGGER IF EXISTS search_messages_removed;
DROP TABLE IF EXISTS name_search; DROP TABLE IF EXISTS message_search;
DROP TABLE IF EXISTS search_chats; DROP TABLE IF EXISTS search_messages;
)sql";

// Texts are stored folded; the trigram tokenizer then compares code points as they are.
const char* kTables = R"sql(
CREATE TABLE search_chats (key INTEGER PRIMARY KEY, chat TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  grp TEXT NOT NULL DEFAULT '');
CREATE INDEX search_chats_by_group ON search_chats(grp);
CREATE TABLE search_messages (id INTEGER PRIMARY KEY, message TEXT NOT NULL, text TEXT NOT NULL);
)sql";

const char* kIndex = R"sql(
CREATE VIRTUAL TABLE name_search USING fts5(name, content='search_chats', content_rowid='key',
  tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE message_search USING fts5(text, content='search_messages', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO name_search(name_search) VALUES('rebuild');
INSERT INTO message_search(message_search) VALUES('rebuild');
CREATE TRIGGER search_chats_added AFTER INSERT ON search_chats BEGIN
  INSERT INTO name_search(rowid, name) VALUES (new.key, new.name); END;
CREATE TRIGGER search_chats_changed AFTER UPDATE ON search_chats BEGIN
  INSERT INTO name_search(name_search, rowid, name) VALUES ('delete', old.key, old.name);
  INSERT INTO name_search(rowid, name) VALUES (new.key, new.name); END;
CREATE TRIGGER search_chats_removed AFTER DELETE ON search_chats BEGIN
  INSERT INTO name_search(name_search, rowid, name) VALUES ('delete', old.key, old.name); END;
CREATE TRIGGER search_messages_added AFTER INSERT ON search_messages BEGIN
  INSERT INTO message_search(rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER search_messages_removed AFTER DELETE ON search_messages BEGIN
  INSERT INTO message_search(message_search, rowid, text) VALUES ('delete', old.id, old.text); END;
)sql";

bool complete(sqlite3* db) {
  std::string names;
  for (const char* name : kObjects) names += std::string(names.empty() ? "'" : ",'") + name + "'";
  Statement count(db, ("SELECT COUNT(*) FROM sqlite_master WHERE name IN (" + names + ")").c_str());
  return count.step() == SQLITE_ROW && count.integer(0) == static_cast<std::int64_t>(std::size(kObjects));
}

// The session's key; 0 when it has none and `make` is false.
std::int64_t chat_key(sqlite3* db, const std::string& chat, bool make) {
  if (make) {
    Statement insert(db, "INSERT INTO search_chats(chat, name) VALUES(?, '') ON CONFLICT(chat) DO NOTHING");
    insert.bind(1, chat);
    if (insert.step() != SQLITE_DONE) return 0;
  }
  Statement select(db, "SELECT key FROM search_chats WHERE chat = ?");
  select.bind(1, chat);
  return select.step() == SQLITE_ROW ? select.integer(0) : 0;
}

bool rebuild(sqlite3* db, std::string& error) {
  if (!exec_sql(db, kDrop, error) || !exec_sql(db, kTables, error)) return false;
  Statement select(db, "SELECT seq, body FROM events WHERE type IN (?, ?, ?, ?) ORDER BY seq");
  select.bind(1, std::string(event_type(EventBody{ChatStarted{}})));
  select.bind(2, std::string(event_type(EventBody{MessageSent{}})));
  select.bind(3, std::string(event_type(EventBody{ContentErased{}})));
  select.bind(4, std::string(event_type(EventBody{ChatTransferred{}})));
  int step = SQLITE_ROW;
  while ((step = select.step()) == SQLITE_ROW) {
    const auto json = parse_json(select.text(1));
    const auto event = json ? event_from_json(*json) : Result<Event>(fail(ErrorCode::bad_command, "not JSON"));
    if (!event) {
      error = "event " + std::to_string(select.integer(0)) + " cannot be read";
      return false;
    }
    if (!write_search_update(db, search_update(event.value()), error)) return false;
  }
  if (step != SQLITE_DONE) {
    error = sqlite3_errmsg(db);
    return false;
  }
  return exec_sql(db, kIndex, error);
}

std::size_t code_points(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Below three code points a trigram index holds nothing to look up: those needles are scanned for.
bool indexed(const std::string& needle) { return code_points(needle) >= 3; }

// The needle as one FTS5 phrase: a substring match under the trigram tokenizer.
std::string phrase(const std::string& needle) {
  std::string out = "\"";
  for (char c : needle) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

bool ensure_search_index(sqlite3* db, std::string& error) {
  if (complete(db)) return true;
  if (!exec_sql(db, "BEGIN IMMEDIATE", error)) return false;
  std::string ignored;
  if (!rebuild(db, error) || !exec_sql(db, "COMMIT", error)) {
    exec_sql(db, "ROLLBACK", ignored);
    return false;
  }
  return true;
}

bool write_search_update(sqlite3* db, const SearchUpdate& update, std::string& error) {
  const auto failed = [&] {
    error = sqlite3_errmsg(db);
    return false;
  };
  switch (update.kind) {
    case SearchUpdate::Kind::none:
      return true;
    case SearchUpdate::Kind::name: {
      Statement upsert(db, "INSERT INTO search_chats(chat, name, grp) VALUES(?, ?, ?) "
                           "ON CONFLICT(chat) DO UPDATE SET name = excluded.name, grp = excluded.grp");
      upsert.bind(1, update.chat).bind(2, update.texts.empty() ? std::string() : update.texts.front());
      upsert.bind(3, update.group);
      return upsert.step() == SQLITE_DONE || failed();
    }
    case SearchUpdate::Kind::move: {
      Statement move(db, "UPDATE search_chats SET grp = ? WHERE chat = ?");
      move.bind(1, update.group).bind(2, update.chat);
      return move.step() == SQLITE_DONE || failed();
    }
    case SearchUpdate::Kind::message: {
      const std::int64_t key = chat_key(db, update.chat, true);
      if (key == 0) return failed();
      const std::int64_t first = key << kRowBits, last = first | kRowMask;
      Statement top(db, "SELECT COALESCE(MAX(id), ?) FROM search_messages WHERE id BETWEEN ? AND ?");
      top.bind(1, first).bind(2, first).bind(3, last);
      if (top.step() != SQLITE_ROW) return failed();
      std::int64_t id = top.integer(0);
      Statement insert(db, "INSERT INTO search_messages(id, message, text) VALUES(?, ?, ?)");
      for (const std::string& text : update.texts) {
        if (id == last) break;  // a session this long is searched up to here
        insert.bind(1, ++id).bind(2, update.message).bind(3, text);
        if (insert.step() != SQLITE_DONE) return failed();
        insert.reset();
      }
      return true;
    }
    case SearchUpdate::Kind::erase: {
      const std::int64_t key = chat_key(db, update.chat, false);
      if (key == 0) return true;
      Statement remove(db, "DELETE FROM search_messages WHERE id BETWEEN ? AND ?");
      remove.bind(1, key << kRowBits).bind(2, (key << kRowBits) | kRowMask);
      if (remove.step() != SQLITE_DONE) return failed();
      Statement blank(db, "UPDATE search_chats SET name = '' WHERE key = ?");
      blank.bind(1, key);
      return blank.step() == SQLITE_DONE || failed();
    }
  }
  return true;
}

SearchIndex::~SearchIndex() { sqlite3_close(db_.handle); }

bool SearchIndex::open(const std::string& path, std::string& error) {
  if (sqlite3_open_v2(path.c_str(), &db_.handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    error = db_.last_error();
    return false;
  }
  sqlite3_busy_timeout(db_.handle, 5000);
  return true;
}

Stored<std::vector<std::string>> SearchIndex::chats_named(const std::string& needle,
                                                          const std::vector<std::string>* groups) {
  std::lock_guard lock(db_.mutex);
  // Short needles scan the names of the given groups only (by the group index), or all names.
  const char* sql = indexed(needle)
                        ? (groups ? "SELECT c.chat FROM name_search AS f CROSS JOIN search_chats AS c "
                                    "WHERE f.name_search MATCH ?1 AND c.key = f.rowid "
                                    "AND c.grp IN (SELECT value FROM json_each(?2))"
                                  : "SELECT c.chat FROM name_search AS f CROSS JOIN search_chats AS c "
                                    "WHERE f.name_search MATCH ?1 AND c.key = f.rowid")
                        : (groups ? "SELECT chat FROM search_chats "
                                    "WHERE grp IN (SELECT value FROM json_each(?2)) AND instr(name, ?1) > 0"
                                  : "SELECT chat FROM search_chats WHERE instr(name, ?1) > 0");
  Statement select(db_, sql);
  select.bind(1, indexed(needle) ? phrase(needle) : needle);
  if (groups) select.bind(2, Json(*groups).dump(-1, ' ', false, Json::error_handler_t::replace));
  return stored_rows<std::string>(db_, select, [](Statement& s) { return s.text(0); });
}

Stored<bool> SearchIndex::name_matches(const std::string& chat, const std::string& needle) {
  std::lock_guard lock(db_.mutex);
  const std::int64_t key = chat_key(db_.handle, chat, false);
  if (key == 0) return Stored<bool>::done(false);
  if (!indexed(needle)) {
    Statement scan(db_, "SELECT instr(name, ?) > 0 FROM search_chats WHERE key = ?");
    scan.bind(1, needle).bind(2, key);
    return stored_row<bool>(db_, scan, [](Statement& s) { return s.integer(0) != 0; });
  }
  Statement match(db_, "SELECT COUNT(*) FROM name_search WHERE name_search MATCH ? AND rowid = ?");
  match.bind(1, phrase(needle)).bind(2, key);
  return stored_row<bool>(db_, match, [](Statement& s) { return s.integer(0) != 0; });
}

Stored<std::vector<std::string>> SearchIndex::messages(const std::string& chat, const std::string& needle) {
  using Ids = std::vector<std::string>;
  std::lock_guard lock(db_.mutex);
  const std::int64_t key = chat_key(db_.handle, chat, false);
  if (key == 0) return Stored<Ids>::done();
  const std::int64_t first = key << kRowBits, last = first | kRowMask;
  Statement select(db_, indexed(needle)
                            ? "SELECT m.message FROM message_search AS f CROSS JOIN search_messages AS m "
                              "WHERE f.message_search MATCH ?1 AND f.rowid BETWEEN ?2 AND ?3 AND m.id = f.rowid "
                              "ORDER BY f.rowid"
                            : "SELECT message FROM search_messages WHERE id BETWEEN ?2 AND ?3 AND instr(text, ?1) > 0 "
                              "ORDER BY id");
  select.bind(1, indexed(needle) ? phrase(needle) : needle).bind(2, first).bind(3, last);
  Stored<Ids> rows = stored_rows<std::string>(db_, select, [](Statement& s) { return s.text(0); });
  if (rows.ok()) rows->erase(std::unique(rows->begin(), rows->end()), rows->end());  // a file name and its text
  return rows;
}

}  // namespace parley::server
