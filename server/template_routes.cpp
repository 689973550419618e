// Response templates: canned answers agents insert into the composer, each desk-wide, one group's or
// one agent's own, with an optional `/shortcut`. Who uses and changes which is the core's rule
// (core/templates.hpp). Kept in the TemplateStore, outside the event log.
//
//   GET    /api/v1/templates        → 200 {"templates":[{"id","title","text","shortcut","group","owner"}]}, the caller's
//   POST   /api/v1/templates        {"id"?,"title","text","shortcut"?,"group"?,"owner"?} → 201 the template (409 if the id exists)
//   PUT    /api/v1/templates/:id    the same fields but id → 200 the template (404 if none the caller may use)
//   DELETE /api/v1/templates/:id    → 204 (404 if none the caller may use)
#include <algorithm>
#include <cctype>

#include "http_util.hpp"
#include "templates.hpp"
#include "webhook_common.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kMaxIdBytes = 64;
constexpr std::size_t kMaxTitleBytes = 200;
constexpr std::size_t kMaxTextBytes = 8000;

Json template_json(const TemplateRecord& t) {
  return Json{{"id", t.id}, {"title", t.title}, {"text", t.text}, {"shortcut", t.shortcut}, {"group", t.group},
              {"owner", t.owner}};
}

TemplateScope scope_of(const TemplateRecord& t) { return TemplateScope{t.group, t.owner}; }

bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= kMaxIdBytes && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

// Reads a template's fields from the body; answers 400 itself.
std::optional<TemplateRecord> template_of(const Request& req, Response& res) {
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
  const auto shortcut = optional_string(*body, "shortcut", kMaxShortcutBytes + 1, res);
  if (!shortcut) return std::nullopt;
  if (!valid_shortcut(*shortcut)) {
    send_error(res, ServerError::bad_command, "shortcut must be 1–32 lower-case letters, digits, '-' or '_'");
    return std::nullopt;
  }
  const auto group = optional_string(*body, "group", kMaxIdBytes, res);
  if (!group) return std::nullopt;
  const auto owner = optional_string(*body, "owner", kMaxIdBytes, res);
  if (!owner) return std::nullopt;
  return TemplateRecord{*id, title->get<std::string>(), text->get<std::string>(), *shortcut, *group, *owner};
}

enum class Access { none, use, change };

// What the caller may do with a template of `scope`; `refusal` gets why the scope itself is invalid, if it is.
Access access_to(App& app, const Principal& p, const TemplateScope& scope, std::string* refusal = nullptr) {
  return app.desk->read([&](const State& state, Timestamp) {
    const auto login = login_of(state, p);
    if (!login) return Access::none;
    if (refusal)
      if (auto why = template_scope_refusal(state, scope)) *refusal = *why;
    if (may_change_template(state, *login, scope)) return Access::change;
    return may_use_template(state, *login, scope) ? Access::use : Access::none;
  });
}

// A new scope the caller may write to; answers 400/403 itself.
bool may_write(App& app, const Principal& p, const TemplateScope& scope, Response& res) {
  std::string refusal;
  const Access access = access_to(app, p, scope, &refusal);
  if (!refusal.empty()) {
    send_error(res, ServerError::bad_command, refusal);
    return false;
  }
  if (access != Access::change) {
    send_error(res, ServerError::forbidden,
               scope.owner.empty() ? "only admins, or a group's supervisors for its templates, change templates"
                                   : "an agent's own templates are changed by that agent only");
    return false;
  }
  return true;
}

// The stored template `id` when the caller may change it; answers 404/403/5xx itself.
std::optional<TemplateRecord> changeable(App& app, const Principal& p, const std::string& id, Response& res) {
  const auto found = app.templates->find(id);
  if (found.not_found()) {
    send_error(res, ServerError::unknown_template, "no template " + id);
    return std::nullopt;
  }
  if (!found.ok()) {
    send_store_failure(res, "the template could not be read", found);
    return std::nullopt;
  }
  const Access access = access_to(app, p, scope_of(*found));
  if (access == Access::none) {
    send_error(res, ServerError::unknown_template, "no template " + id);
    return std::nullopt;
  }
  if (access != Access::change) {
    send_error(res, ServerError::forbidden, "only admins, or a group's supervisors for its templates, change templates");
    return std::nullopt;
  }
  return *found;
}

}  // namespace

void register_template_routes(App& app) {
  auto& http = *app.http;

  http.Get("/api/v1/templates", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto templates = app.templates->list();
    if (!templates.ok()) return send_store_failure(res, "the templates could not be read", templates);
    Json list = Json::array();
    app.desk->read([&](const State& state, Timestamp) {
      const auto login = login_of(state, *p);
      if (!login) return;
      for (const TemplateRecord& t : *templates)
        if (may_use_template(state, *login, scope_of(t))) list.push_back(template_json(t));
    });
    send_json(res, 200, Json{{"templates", std::move(list)}});
  });

  http.Post("/api/v1/templates", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    auto t = template_of(req, res);
    if (!t || !may_write(app, *p, scope_of(*t), res)) return;
    if (t->id.empty()) t->id = "tpl-" + random_hex(6);
    if (!valid_id(t->id))
      return send_error(res, ServerError::bad_command, "id must be 1–64 letters, digits, '-', '_' or '.'");
    const auto added = app.templates->add(*t, wall_ms());
    if (added.conflict()) return send_error(res, ServerError::already_exists, "template " + t->id + " already exists");
    if (!added.ok()) return send_store_failure(res, "the template could not be stored", added);
    send_json(res, 201, template_json(*t));
  });

  http.Put("/api/v1/templates/:id", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    auto t = template_of(req, res);
    if (!t) return;
    t->id = req.path_params.at("id");
    if (!changeable(app, *p, t->id, res) || !may_write(app, *p, scope_of(*t), res)) return;
    const auto updated = app.templates->update(*t, wall_ms());
    if (updated.not_found()) return send_error(res, ServerError::unknown_template, "no template " + t->id);
    if (!updated.ok()) return send_store_failure(res, "the template could not be stored", updated);
    send_json(res, 200, template_json(*t));
  });

  http.Delete("/api/v1/templates/:id", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const std::string id = req.path_params.at("id");
    if (!changeable(app, *p, id, res)) return;
    const auto removed = app.templates->remove(id);
    if (removed.not_found()) return send_error(res, ServerError::unknown_template, "no template " + id);
    if (!removed.ok()) return send_store_failure(res, "the template could not be deleted", removed);
    res.status = 204;
  });
}

}  // namespace parley::server
