// JSON of action forms, definitions and runs (see action_wire.hpp).
#include "action_wire.hpp"

namespace parley {

namespace {

Error bad(std::string message) { return fail(ErrorCode::bad_command, std::move(message)); }

std::optional<std::string> string_at(const Json& object, const char* key, std::string& out, bool required) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) return std::string("missing field '") + key + "'";
    return std::nullopt;
  }
  if (!it->is_string()) return std::string("field '") + key + "' must be a string";
  out = it->get<std::string>();
  return std::nullopt;
}

}  // namespace

std::string_view action_outcome_name(ActionOutcome outcome) {
  switch (outcome) {
    case ActionOutcome::pending: return "pending";
    case ActionOutcome::ok: return "ok";
    case ActionOutcome::error: return "error";
  }
  return "pending";
}

std::optional<ActionOutcome> parse_action_outcome(std::string_view text) {
  for (ActionOutcome o : {ActionOutcome::pending, ActionOutcome::ok, ActionOutcome::error})
    if (text == action_outcome_name(o)) return o;
  return std::nullopt;
}

Json action_fields_to_json(const std::vector<ActionField>& fields) {
  Json out = Json::array();
  for (const ActionField& f : fields) {
    Json j{{"name", f.name}, {"label", f.label.empty() ? f.name : f.label}, {"type", action_field_type_name(f.type)}};
    if (f.required) j["required"] = true;
    if (!f.pattern.empty()) j["pattern"] = f.pattern;
    if (!f.options.empty()) j["options"] = f.options;
    out.push_back(std::move(j));
  }
  return out;
}

std::optional<Error> read_action_fields(const Json& list, std::vector<ActionField>& out) {
  if (!list.is_array()) return bad("field 'fields' must be a list of {\"name\",\"label\",\"type\",…} objects");
  if (list.size() > kMaxActionFields) return bad("an action's form has at most 20 fields");
  out.clear();
  for (const Json& item : list) {
    const std::string where = "form field " + std::to_string(out.size() + 1) + ": ";
    if (!item.is_object()) return bad(where + "must be an object");
    ActionField f;
    std::string type = "text";
    for (auto [key, target, required] : {std::tuple{"name", &f.name, true}, std::tuple{"label", &f.label, false},
                                         std::tuple{"type", &type, false}, std::tuple{"pattern", &f.pattern, false}})
      if (auto problem = string_at(item, key, *target, required)) return bad(where + *problem);
    const auto parsed = parse_action_field_type(type);
    if (!parsed) return bad(where + "type must be one of text, number, email, url, choice");
    f.type = *parsed;
    if (const auto required = item.find("required"); required != item.end() && !required->is_null()) {
      if (!required->is_boolean()) return bad(where + "required must be true or false");
      f.required = required->get<bool>();
    }
    if (const auto options = item.find("options"); options != item.end() && !options->is_null()) {
      if (!options->is_array() || options->size() > kMaxActionOptions) return bad(where + "options must be a list of up to 50 strings");
      for (const Json& option : *options) {
        if (!option.is_string()) return bad(where + "options must be a list of strings");
        f.options.push_back(option.get<std::string>());
      }
    }
    if (f.label.empty()) f.label = f.name;
    out.push_back(std::move(f));
  }
  return std::nullopt;
}

std::optional<Error> read_action_values(const Json& object, ActionValues& out) {
  if (!object.is_object()) return bad("field 'fields' must be an object of field names to texts");
  if (object.size() > kMaxActionFields) return bad("field 'fields' holds at most 20 values");
  out.clear();
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!it.value().is_string()) return bad("field '" + it.key() + "' must be a string");
    out[it.key()] = it.value().get<std::string>();
  }
  return std::nullopt;
}

Result<ActionDefinition> action_definition_from_json(const Json& body, const ActionDefinition* previous) {
  if (!body.is_object()) return bad("an action is a JSON object");
  ActionDefinition d;
  for (auto [key, target, required] : {std::tuple{"id", &d.id, false}, std::tuple{"name", &d.form.name, true},
                                       std::tuple{"endpoint", &d.endpoint, true}, std::tuple{"method", &d.method, false}})
    if (auto problem = string_at(body, key, *target, required)) return bad(*problem);
  if (d.method.empty()) d.method = "POST";
  if (const auto fields = body.find("fields"); fields != body.end() && !fields->is_null())
    if (auto refusal = read_action_fields(*fields, d.form.fields)) return *refusal;
  if (const auto headers = body.find("headers"); headers != body.end() && !headers->is_null()) {
    if (!headers->is_object() || headers->size() > kMaxActionHeaders)
      return bad("field 'headers' must be an object of up to 20 header names to values");
    for (auto it = headers->begin(); it != headers->end(); ++it) {
      if (it.value().is_null()) {
        const std::string* kept = nullptr;
        if (previous)
          for (const auto& [name, value] : previous->headers)
            if (name == it.key()) kept = &value;
        if (!kept) return bad("header '" + it.key() + "' needs a value");
        d.headers.emplace_back(it.key(), *kept);
      } else if (!it.value().is_string()) {
        return bad("header '" + it.key() + "' must be a string (or null to keep the stored value)");
      } else {
        d.headers.emplace_back(it.key(), it.value().get<std::string>());
      }
    }
  }
  return d;
}

Json action_definition_to_json(const ActionDefinition& d, ActionView view) {
  Json out{{"id", d.id}, {"name", d.form.name}, {"fields", action_fields_to_json(d.form.fields)}};
  if (view == ActionView::runnable) return out;
  out["endpoint"] = d.endpoint;
  out["method"] = d.method;
  Json headers = Json::object();
  for (const auto& [name, value] : d.headers) headers[name] = kMaskedHeaderValue;
  out["headers"] = std::move(headers);
  return out;
}

Json action_run_to_json(const ActionRun& run) {
  Json out{{"type", "action"},
           {"id", run.id},
           {"action", run.action},
           {"name", run.name},
           {"by", run.by},
           {"fields", run.fields},
           {"outcome", action_outcome_name(run.outcome)},
           {"text", run.text},
           {"at", format_rfc3339(run.at)}};
  if (run.outcome != ActionOutcome::pending) out["finished_at"] = format_rfc3339(run.finished_at);
  return out;
}

}  // namespace parley
