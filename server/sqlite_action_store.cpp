// Support agent actions on SQLite: table support_actions (the form, endpoint and headers as one JSON
// text) and table action_allowlist (one row per entry, kept in the order saved).
#include "sqlite_record_stores.hpp"

#include <algorithm>

#include "action_wire.hpp"

namespace parley::server {

namespace {

std::string details_of(const ActionDefinition& d) {
  Json headers = Json::array();
  for (const auto& [name, value] : d.headers) headers.push_back(Json::array({name, value}));
  return Json{{"fields", action_fields_to_json(d.form.fields)}, {"endpoint", d.endpoint}, {"method", d.method},
              {"headers", std::move(headers)}}
      .dump();
}

ActionDefinition action_from(Statement& row) {
  ActionDefinition d;
  d.id = row.text(0);
  d.form.name = row.text(1);
  const auto details = parse_json(row.text(2));
  if (!details || !details->is_object()) return d;
  if (const auto fields = details->find("fields"); fields != details->end()) read_action_fields(*fields, d.form.fields);
  d.endpoint = details->value("endpoint", "");
  d.method = details->value("method", "POST");
  if (const auto headers = details->find("headers"); headers != details->end() && headers->is_array())
    for (const Json& pair : *headers)
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
        d.headers.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
  return d;
}

}  // namespace

Stored<std::vector<ActionDefinition>> SqliteActionStore::list() {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT id, name, details FROM support_actions ORDER BY name COLLATE NOCASE, id");
  return stored_rows<ActionDefinition>(db_, s, action_from);
}

Stored<ActionDefinition> SqliteActionStore::find(const std::string& id) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT id, name, details FROM support_actions WHERE id = ?");
  s.bind(1, id);
  return stored_row<ActionDefinition>(db_, s, action_from);
}

Stored<> SqliteActionStore::add(const ActionDefinition& d, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "INSERT INTO support_actions(id, name, details, updated_at) VALUES(?, ?, ?, ?)");
  s.bind(1, d.id).bind(2, d.form.name).bind(3, details_of(d)).bind(4, now_ms);
  return stored_insert(db_, s);
}

Stored<> SqliteActionStore::update(const ActionDefinition& d, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "UPDATE support_actions SET name = ?, details = ?, updated_at = ? WHERE id = ?");
  s.bind(1, d.form.name).bind(2, details_of(d)).bind(3, now_ms).bind(4, d.id);
  return stored_change_of_one(db_, s);
}

Stored<> SqliteActionStore::remove(const std::string& id) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "DELETE FROM support_actions WHERE id = ?");
  s.bind(1, id);
  return stored_change_of_one(db_, s);
}

Stored<std::vector<std::string>> SqliteActionStore::allowlist() {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT entry FROM action_allowlist ORDER BY position, entry");
  return stored_rows<std::string>(db_, s, [](Statement& row) { return row.text(0); });
}

Stored<> SqliteActionStore::set_allowlist(const std::vector<std::string>& entries) {
  std::lock_guard lock(db_.mutex);
  std::string error;
  if (!db_.exec("BEGIN IMMEDIATE", error)) return Stored<>::refused(StoreStatus::failed, error);
  const auto give_up = [&](std::string why) {
    std::string ignored;
    db_.exec("ROLLBACK", ignored);
    return Stored<>::refused(StoreStatus::failed, std::move(why));
  };
  std::vector<std::string> old;
  {
    Statement s(db_, "SELECT entry FROM action_allowlist");
    const auto rows = stored_rows<std::string>(db_, s, [](Statement& row) { return row.text(0); });
    if (!rows.ok()) return give_up(rows.error);
    old = *rows;
  }
  for (const std::string& entry : old)
    if (std::find(entries.begin(), entries.end(), entry) == entries.end()) {
      Statement s(db_, "DELETE FROM action_allowlist WHERE entry = ?");
      s.bind(1, entry);
      if (const auto done = stored_step(db_, s); !done.ok()) return give_up(done.error);
    }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    Statement s(db_,
                "INSERT INTO action_allowlist(entry, position) VALUES(?, ?) "
                "ON CONFLICT(entry) DO UPDATE SET position = excluded.position");
    s.bind(1, entries[i]).bind(2, static_cast<std::int64_t>(i));
    if (const auto done = stored_step(db_, s); !done.ok()) return give_up(done.error);
  }
  if (!db_.exec("COMMIT", error)) return give_up(error);
  return Stored<>::done();
}

}  // namespace parley::server
