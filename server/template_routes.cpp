// Response templates: canned answers agents insert into the composer. Every staff login lists
// them; only admins write. Kept in the TemplateStore, outside the event log.
//
//   GET    /api/v1/templates                                  → 200 {"templates":[{"id","title","text"}]}
//   POST   /api/v1/templates       {"id"?,"title","text"}     → 201 the template (409 if the id exists)
//   PUT    /api/v1/templates/:id   {"title","text"}           → 200 the template (404 if none)
//   DELETE /api/v1/templates/:id                              → 204 (404 if none)
#include <algorithm>
#include <cctype>

#include "http_util.hpp"
#include "webhook_common.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kMaxIdBytes = 64;
constexpr std::size_t kMaxTitleBytes = 200;
constexpr std::size_t kMaxTextBytes = 8000;

Json template_json(const TemplateRecord& t) { return Json{{"id", t.id}, {"title", t.title}, {"text", t.text}}; }

bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= kMaxIdBytes && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

// Reads title and text from an admin's JSON body; answers 403/400 itself.
std::optional<TemplateRecord> admin_template(App& app, const Request& req, Response& res) {
  const auto p = require_auth(app, req, res);
  if (!p) return std::nullopt;
  if (!p->admin) {
    send_error(res, ServerError::forbidden, "only admins change templates");
    return std::nullopt;
  }
  const auto body = read_json_body(req, res);
  if (!body) return std::nullopt;
  const auto title = body->find("title"), text = body->find("text");
  if (title == body->end() || !title->is_string() || title->get<std::string>().empty() ||
      title->get<std::string>().size() > kMaxTitleBytes) {
    send_error(res, ServerError::bad_command, "title must be a string of 1–200 bytes");
    return std::nullopt;
  }
  if (text == body->end() || !text->is_string() || text->get<std::string>().empty() ||
      text->get<std::string>().size() > kMaxTextBytes) {
    send_error(res, ServerError::bad_command, "text must be a string of 1–8000 bytes");
    return std::nullopt;
  }
  const auto id = optional_string(*body, "id", kMaxIdBytes, res);
  if (!id) return std::nullopt;
  return TemplateRecord{*id, title->get<std::string>(), text->get<std::string>()};
}

}  // namespace

void register_template_routes(App& app) {
  auto& http = *app.http;

  http.Get("/api/v1/templates", [&app](const Request& req, Response& res) {
    if (!require_auth(app, req, res)) return;
    const auto templates = app.templates->list();
    if (!templates.ok()) return send_store_failure(res, "the templates could not be read", templates);
    Json list = Json::array();
    for (const TemplateRecord& t : *templates) list.push_back(template_json(t));
    send_json(res, 200, Json{{"templates", std::move(list)}});
  });

  http.Post("/api/v1/templates", [&app](const Request& req, Response& res) {
    auto t = admin_template(app, req, res);
    if (!t) return;
    if (t->id.empty()) t->id = "tpl-" + random_hex(6);
    if (!valid_id(t->id))
      return send_error(res, ServerError::bad_command, "id must be 1–64 letters, digits, '-', '_' or '.'");
    const auto added = app.templates->add(*t, wall_ms());
    if (added.conflict()) return send_error(res, ServerError::already_exists, "template " + t->id + " already exists");
    if (!added.ok()) return send_store_failure(res, "the template could not be stored", added);
    send_json(res, 201, template_json(*t));
  });

  http.Put("/api/v1/templates/:id", [&app](const Request& req, Response& res) {
    auto t = admin_template(app, req, res);
    if (!t) return;
    t->id = req.path_params.at("id");
    const auto updated = app.templates->update(*t, wall_ms());
    if (updated.not_found()) return send_error(res, ServerError::unknown_template, "no template " + t->id);
    if (!updated.ok()) return send_store_failure(res, "the template could not be stored", updated);
    send_json(res, 200, template_json(*t));
  });

  http.Delete("/api/v1/templates/:id", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    if (!p->admin) return send_error(res, ServerError::forbidden, "only admins change templates");
    const std::string id = req.path_params.at("id");
    const auto removed = app.templates->remove(id);
    if (removed.not_found()) return send_error(res, ServerError::unknown_template, "no template " + id);
    if (!removed.ok()) return send_store_failure(res, "the template could not be deleted", removed);
    res.status = 204;
  });
}

}  // namespace parley::server
