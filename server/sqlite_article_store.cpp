// Knowledge-base articles on SQLite: table articles (link, body and tags as one JSON text).
#include "sqlite_record_stores.hpp"

#include <nlohmann/json.hpp>

namespace parley::server {

namespace {

std::string details_of(const Article& a) {
  return nlohmann::json{{"link", a.link}, {"body", a.body}, {"tags", a.tags}}.dump();
}

Article article_from(Statement& row) {
  Article a{row.text(0), row.text(1), "", "", {}};
  const auto details = nlohmann::json::parse(row.text(2), nullptr, false);
  if (details.is_object()) {
    a.link = details.value("link", "");
    a.body = details.value("body", "");
    if (const auto tags = details.find("tags"); tags != details.end() && tags->is_array())
      for (const auto& tag : *tags)
        if (tag.is_string()) a.tags.push_back(tag.get<std::string>());
  }
  return a;
}

}  // namespace

Stored<std::vector<Article>> SqliteArticleStore::list() {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT id, title, details FROM articles ORDER BY title COLLATE NOCASE, id");
  return stored_rows<Article>(db_, s, article_from);
}

Stored<Article> SqliteArticleStore::find(const std::string& id) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "SELECT id, title, details FROM articles WHERE id = ?");
  s.bind(1, id);
  return stored_row<Article>(db_, s, article_from);
}

Stored<> SqliteArticleStore::add(const Article& a, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "INSERT INTO articles(id, title, details, updated_at) VALUES(?, ?, ?, ?)");
  s.bind(1, a.id).bind(2, a.title).bind(3, details_of(a)).bind(4, now_ms);
  return stored_insert(db_, s);
}

Stored<> SqliteArticleStore::update(const Article& a, std::int64_t now_ms) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "UPDATE articles SET title = ?, details = ?, updated_at = ? WHERE id = ?");
  s.bind(1, a.title).bind(2, details_of(a)).bind(3, now_ms).bind(4, a.id);
  return stored_change_of_one(db_, s);
}

Stored<> SqliteArticleStore::remove(const std::string& id) {
  std::lock_guard lock(db_.mutex);
  Statement s(db_, "DELETE FROM articles WHERE id = ?");
  s.bind(1, id);
  return stored_change_of_one(db_, s);
}

}  // namespace parley::server
