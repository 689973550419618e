// The knowledge base: articles agents search from the composer and insert as a link or as text.
// Every staff login reads and searches them (the core's search); admins write. Kept in the
// ArticleStore, outside the event log.
//
//   GET    /api/v1/articles?q=TEXT   → 200 {"articles":[{"id","title","link","body","tags"}]}, best first
//   GET    /api/v1/articles/:id      → 200 the article (404 if none)
//   POST   /api/v1/articles          {"id"?,"title","link"?,"body"?,"tags"?} → 201 (409 if the id exists)
//   PUT    /api/v1/articles/:id      the same fields but id → 200 (404 if none)
//   DELETE /api/v1/articles/:id      → 204 (404 if none)
#include <algorithm>
#include <cctype>

#include "http_util.hpp"
#include "webhook_common.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kMaxIdBytes = 64;
constexpr std::size_t kMaxQueryBytes = 500;

Json article_json(const Article& a) {
  return Json{{"id", a.id}, {"title", a.title}, {"link", a.link}, {"body", a.body}, {"tags", a.tags}};
}

bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= kMaxIdBytes && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

bool staff(const Principal& p) { return p.admin || p.supervisor || p.operator_ || p.reader; }

// An admin's article from the body, checked by the core; answers 401/403/400 itself.
std::optional<Article> admin_article(App& app, const Request& req, Response& res) {
  const auto p = require_auth(app, req, res);
  if (!p) return std::nullopt;
  if (!p->admin) {
    send_error(res, ServerError::forbidden, "only admins change articles");
    return std::nullopt;
  }
  const auto body = read_json_body(req, res);
  if (!body) return std::nullopt;
  Article a;
  for (auto [key, field] : {std::pair{"id", &a.id}, {"title", &a.title}, {"link", &a.link}, {"body", &a.body}}) {
    const auto value = optional_string(*body, key, kMaxArticleBodyBytes + 1, res);
    if (!value) return std::nullopt;
    *field = *value;
  }
  if (const auto tags = body->find("tags"); tags != body->end() && !tags->is_null()) {
    if (!tags->is_array() || !std::all_of(tags->begin(), tags->end(), [](const Json& t) { return t.is_string(); })) {
      send_error(res, ServerError::bad_command, "tags must be a list of strings");
      return std::nullopt;
    }
    for (const Json& t : *tags) a.tags.push_back(t.get<std::string>());
  }
  if (const auto refusal = article_refusal(a)) {
    send_error(res, ServerError::bad_command, *refusal);
    return std::nullopt;
  }
  return a;
}

}  // namespace

void register_article_routes(App& app) {
  auto& http = *app.http;

  http.Get("/api/v1/articles", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    if (!staff(*p)) return send_error(res, ServerError::forbidden, "only staff read the knowledge base");
    const std::string query = req.get_param_value("q");
    if (query.size() > kMaxQueryBytes) return send_error(res, ServerError::bad_command, "q must be at most 500 bytes");
    const auto articles = app.articles->list();
    if (!articles.ok()) return send_store_failure(res, "the articles could not be read", articles);
    Json list = Json::array();
    for (std::size_t i : search_articles(*articles, query)) list.push_back(article_json((*articles)[i]));
    send_json(res, 200, Json{{"articles", std::move(list)}});
  });

  http.Get("/api/v1/articles/:id", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    if (!staff(*p)) return send_error(res, ServerError::forbidden, "only staff read the knowledge base");
    const std::string id = req.path_params.at("id");
    const auto found = app.articles->find(id);
    if (found.not_found()) return send_error(res, ServerError::unknown_article, "no article " + id);
    if (!found.ok()) return send_store_failure(res, "the article could not be read", found);
    send_json(res, 200, article_json(*found));
  });

  http.Post("/api/v1/articles", [&app](const Request& req, Response& res) {
    auto a = admin_article(app, req, res);
    if (!a) return;
    if (a->id.empty()) a->id = "kb-" + random_hex(6);
    if (!valid_id(a->id))
      return send_error(res, ServerError::bad_command, "id must be 1–64 letters, digits, '-', '_' or '.'");
    const auto added = app.articles->add(*a, wall_ms());
    if (added.conflict()) return send_error(res, ServerError::already_exists, "article " + a->id + " already exists");
    if (!added.ok()) return send_store_failure(res, "the article could not be stored", added);
    send_json(res, 201, article_json(*a));
  });

  http.Put("/api/v1/articles/:id", [&app](const Request& req, Response& res) {
    auto a = admin_article(app, req, res);
    if (!a) return;
    a->id = req.path_params.at("id");
    const auto updated = app.articles->update(*a, wall_ms());
    if (updated.not_found()) return send_error(res, ServerError::unknown_article, "no article " + a->id);
    if (!updated.ok()) return send_store_failure(res, "the article could not be stored", updated);
    send_json(res, 200, article_json(*a));
  });

  http.Delete("/api/v1/articles/:id", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    if (!p->admin) return send_error(res, ServerError::forbidden, "only admins change articles");
    const std::string id = req.path_params.at("id");
    const auto removed = app.articles->remove(id);
    if (removed.not_found()) return send_error(res, ServerError::unknown_article, "no article " + id);
    if (!removed.ok()) return send_store_failure(res, "the article could not be deleted", removed);
    res.status = 204;
  });
}

}  // namespace parley::server
