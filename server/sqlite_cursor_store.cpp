// Event workers' positions on SQLite: table worker_cursors.
#include "sqlite_record_stores.hpp"

namespace parley::server {

Stored<std::uint64_t> SqliteCursorStore::position(const std::string& worker) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT seq FROM worker_cursors WHERE worker = ?");
  s.bind(1, worker);
  return stored_row<std::uint64_t>(db_, s, [](Statement& row) { return static_cast<std::uint64_t>(row.integer(0)); });
}

Stored<> SqliteCursorStore::save(const std::string& worker, std::uint64_t seq) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_,
              "INSERT INTO worker_cursors(worker, seq) VALUES(?, ?) ON CONFLICT(worker) DO UPDATE SET seq = excluded.seq");
  s.bind(1, worker).bind(2, static_cast<std::int64_t>(seq));
  return stored_step(db_, s);
}

}  // namespace parley::server
