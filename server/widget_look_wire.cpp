// JSON forms of a widget channel's theme and pre-chat form, and the check of pre-chat answers.
#include "widget_look_wire.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "http_util.hpp"

namespace parley::server {

namespace {

constexpr std::size_t kMaxTitleBytes = 60;
constexpr std::size_t kMaxGreetingBytes = 500;
constexpr std::size_t kMaxLabelBytes = 80;
constexpr std::size_t kMaxFieldIdBytes = 32;

bool hex_colour(const std::string& text) {
  if ((text.size() != 4 && text.size() != 7) || text[0] != '#') return false;
  for (std::size_t i = 1; i < text.size(); ++i)
    if (!std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

bool field_id(const std::string& id) {
  if (id.empty() || id.size() > kMaxFieldIdBytes) return false;
  for (char c : id)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
          c == '-'))
      return false;
  return true;
}

bool has_control(const std::string& text, bool newlines_allowed) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && !(newlines_allowed && (c == '\n' || c == '\t'))) || c == 0x7F) return true;
  }
  return false;
}

// A text setting: absent or null → "", else a string of at most `max` bytes of valid UTF-8.
std::optional<std::string> text_setting(const Json& object, const char* key, const std::string& path,
                                        std::size_t max, bool multiline, std::string& out) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) return path + "." + key + " must be a string";
  out = it->get<std::string>();
  if (out.size() > max || !valid_utf8(out) || has_control(out, multiline))
    return path + "." + key + " must be text of at most " + std::to_string(max) + " bytes";
  return std::nullopt;
}

std::optional<std::string> only_keys(const Json& object, const std::string& path, std::set<std::string> keys) {
  for (const auto& [key, value] : object.items())
    if (!keys.count(key)) return path + "." + key + " is not a setting (known: " + [&] {
        std::string list;
        for (const std::string& k : keys) list += (list.empty() ? "" : ", ") + k;
        return list;
      }() + ")";
  return std::nullopt;
}

std::optional<std::string> read_theme(const Json& theme, WidgetTheme& out) {
  if (!theme.is_object()) return "theme must be an object {\"accent\",\"title\",\"greeting\"}";
  if (auto bad = only_keys(theme, "theme", {"accent", "title", "greeting"})) return bad;
  if (auto bad = text_setting(theme, "accent", "theme", 7, false, out.accent)) return bad;
  if (!out.accent.empty() && !hex_colour(out.accent)) return "theme.accent must be a colour written #rgb or #rrggbb";
  if (auto bad = text_setting(theme, "title", "theme", kMaxTitleBytes, false, out.title)) return bad;
  return text_setting(theme, "greeting", "theme", kMaxGreetingBytes, true, out.greeting);
}

std::optional<std::string> read_field(const Json& field, std::size_t n, PrechatField& out) {
  const std::string path = "prechat.fields[" + std::to_string(n) + "]";
  if (!field.is_object()) return path + " must be an object {\"id\",\"label\",\"type\",\"required\"}";
  if (auto bad = only_keys(field, path, {"id", "label", "type", "required"})) return bad;
  if (auto bad = text_setting(field, "id", path, kMaxFieldIdBytes, false, out.id)) return bad;
  if (!field_id(out.id)) return path + ".id must be 1–32 of a-z, 0-9, _ and -";
  if (auto bad = text_setting(field, "label", path, kMaxLabelBytes, false, out.label)) return bad;
  if (out.label.empty()) return path + ".label is required";
  out.type = "text";
  if (auto bad = text_setting(field, "type", path, 16, false, out.type)) return bad;
  if (out.type.empty()) out.type = "text";
  if (out.type != "text" && out.type != "email" && out.type != "tel" && out.type != "textarea")
    return path + ".type must be text, email, tel or textarea";
  if (const auto required = field.find("required"); required != field.end() && !required->is_null()) {
    if (!required->is_boolean()) return path + ".required must be true or false";
    out.required = required->get<bool>();
  }
  return std::nullopt;
}

std::optional<std::string> read_prechat(const Json& prechat, PrechatForm& out) {
  if (!prechat.is_object()) return "prechat must be an object {\"enabled\",\"fields\"}";
  if (auto bad = only_keys(prechat, "prechat", {"enabled", "fields"})) return bad;
  const auto enabled = prechat.find("enabled");
  if (enabled != prechat.end() && !enabled->is_null() && !enabled->is_boolean())
    return "prechat.enabled must be true or false";
  out.enabled = enabled == prechat.end() || enabled->is_null() || enabled->get<bool>();
  const auto fields = prechat.find("fields");
  if (fields == prechat.end() || fields->is_null()) return std::nullopt;
  if (!fields->is_array()) return "prechat.fields must be a list";
  if (fields->size() > kMaxPrechatFields)
    return "prechat.fields may list at most " + std::to_string(kMaxPrechatFields) + " fields";
  std::set<std::string> ids;
  for (std::size_t i = 0; i < fields->size(); ++i) {
    PrechatField field;
    if (auto bad = read_field((*fields)[i], i, field)) return bad;
    if (!ids.insert(field.id).second) return "prechat.fields lists the id " + field.id + " twice";
    out.fields.push_back(std::move(field));
  }
  return std::nullopt;
}

bool looks_like_email(const std::string& text) {
  const auto at = text.find('@');
  if (at == std::string::npos || at == 0 || text.find('@', at + 1) != std::string::npos) return false;
  const auto dot = text.find('.', at + 2);
  if (dot == std::string::npos || dot + 1 >= text.size()) return false;
  for (char c : text)
    if (std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::optional<std::string> read_widget_look(const Json& body, ChannelRecord& channel, const ChannelRecord* stored) {
  WidgetTheme theme = stored ? stored->theme : WidgetTheme{};
  PrechatForm prechat = stored ? stored->prechat : PrechatForm{};
  if (const auto it = body.find("theme"); it != body.end()) {
    theme = {};
    if (!it->is_null())
      if (auto bad = read_theme(*it, theme)) return bad;
  }
  if (const auto it = body.find("prechat"); it != body.end()) {
    prechat = {};
    if (!it->is_null())
      if (auto bad = read_prechat(*it, prechat)) return bad;
  }
  channel.theme = std::move(theme);
  channel.prechat = std::move(prechat);
  return std::nullopt;
}

void add_widget_look(const ChannelRecord& channel, Json& out) {
  out["theme"] = Json{{"accent", channel.theme.accent}, {"title", channel.theme.title},
                      {"greeting", channel.theme.greeting}};
  Json fields = Json::array();
  for (const PrechatField& f : channel.prechat.fields)
    fields.push_back(Json{{"id", f.id}, {"label", f.label}, {"type", f.type}, {"required", f.required}});
  out["prechat"] = Json{{"enabled", channel.prechat.enabled}, {"fields", std::move(fields)}};
}

Json with_widget_look(const ChannelRecord& channel, Json out) {
  add_widget_look(channel, out);
  return out;
}

std::optional<std::string> read_prechat_answers(const ChannelRecord& channel, const Json& body, PrechatAnswers& out) {
  std::vector<PrechatField> form;
  if (channel.prechat.enabled) form = channel.prechat.fields;
  bool has_email = false;
  for (const PrechatField& f : form) has_email = has_email || f.id == "email";
  if (!has_email) form.push_back(PrechatField{"email", "E-mail", "email", false});
  std::map<std::string, std::string> given;
  if (const auto fields = body.find("fields"); fields != body.end() && !fields->is_null()) {
    if (!fields->is_object()) return "fields must be an object of answers by field id";
    for (const auto& [id, value] : fields->items()) {
      const bool known = std::any_of(form.begin(), form.end(), [&](const PrechatField& f) { return f.id == id; });
      if (!known) return "fields." + id + " is not a field of this chat's form";
      if (!value.is_string() && !value.is_null()) return "fields." + id + " must be text";
      const std::string text = value.is_string() ? trim(value.get<std::string>()) : "";
      if (text.size() > kMaxPrechatAnswerBytes || !valid_utf8(text))
        return "fields." + id + " must be text of at most " + std::to_string(kMaxPrechatAnswerBytes) + " bytes";
      given[id] = text;
    }
  }
  out.name = trim(string_field(body, "name"));
  if (given.count("name") && !given["name"].empty()) out.name = given["name"];
  for (const PrechatField& f : form) {
    const std::string answer = f.id == "name" ? out.name : given[f.id];
    if (answer.empty()) {
      if (f.required) return f.label + " is required";
      continue;
    }
    if (f.type == "email" && !looks_like_email(answer)) return f.label + " must be an e-mail address";
    if (f.id != "name") out.fields.emplace_back(f.label, answer);
  }
  return std::nullopt;
}

std::string prechat_message(const PrechatAnswers& answers) {
  std::string text;
  for (const auto& [label, answer] : answers.fields) text += (text.empty() ? "" : "\n") + label + ": " + answer;
  return text;
}

}  // namespace parley::server
