// Helpers of the composer's tools: pending attachments per chat, JSON of uploads and templates,
// template filtering, and text insertion at the caret.
#include "composer_state.hpp"

#include <algorithm>

#include "templates.hpp"
#include "views.hpp"

namespace parley::web {

namespace {

const std::string* string_at(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

}  // namespace

std::vector<Attachment> attachments_of(const ComposerState& tools, const std::string& chat) {
  std::vector<Attachment> out;
  for (const auto& [owner, file] : tools.attached)
    if (owner == chat) out.push_back(file);
  return out;
}

void forget_attachments(ComposerState& tools, const std::string& chat) {
  std::erase_if(tools.attached, [&](const auto& entry) { return entry.first == chat; });
}

std::optional<Attachment> attachment_from_json(const Json& json) {
  if (!json.is_object()) return std::nullopt;
  const std::string *id = string_at(json, "id"), *name = string_at(json, "name"), *type = string_at(json, "type");
  const auto size = json.find("size");
  if (!id || !name || !type || size == json.end() || !size->is_number_integer()) return std::nullopt;
  return Attachment{*id, *name, *type, size->get<std::int64_t>()};
}

std::optional<std::vector<ResponseTemplate>> templates_from_json(const Json& json) {
  if (!json.is_object()) return std::nullopt;
  const auto list = json.find("templates");
  if (list == json.end() || !list->is_array()) return std::nullopt;
  std::vector<ResponseTemplate> out;
  for (const Json& item : *list) {
    if (!item.is_object()) return std::nullopt;
    const std::string *id = string_at(item, "id"), *title = string_at(item, "title"), *text = string_at(item, "text");
    if (!id || !title || !text) return std::nullopt;
    const auto text_or_empty = [&](const char* key) {
      const std::string* value = string_at(item, key);
      return value ? *value : std::string();
    };
    out.push_back(ResponseTemplate{*id, *title, *text, text_or_empty("shortcut"), text_or_empty("group"), text_or_empty("owner")});
  }
  return out;
}

bool template_matches(const ResponseTemplate& t, std::string_view filter) {
  return filter.empty() || shortcut_matches(t.shortcut, typed_shortcut(filter).value_or(filter)) ||
         contains_ignoring_case(t.title, filter) ||
         contains_ignoring_case(t.text, filter);
}

std::vector<const ResponseTemplate*> templates_for(const std::vector<ResponseTemplate>& templates, std::string_view filter) {
  const std::string_view typed = typed_shortcut(filter).value_or(filter);
  const auto rank = [&](const ResponseTemplate& t) {
    if (filter.empty() || !shortcut_matches(t.shortcut, typed)) return 2;
    return t.shortcut.size() == typed.size() ? 0 : 1;
  };
  std::vector<const ResponseTemplate*> out;
  for (const ResponseTemplate& t : templates)
    if (template_matches(t, filter)) out.push_back(&t);
  std::stable_sort(out.begin(), out.end(), [&](const auto* a, const auto* b) { return rank(*a) < rank(*b); });
  return out;
}

bool blank_text(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool ready_to_send(const ComposerState& tools, const std::string& chat, std::string_view text) {
  return tools.uploading == 0 && (!blank_text(text) || !attachments_of(tools, chat).empty());
}

void insert_into_composer(std::string& composer, ComposerState& tools, std::string_view text) {
  std::size_t at = std::min(tools.cursor, composer.size());
  while (at > 0 && at < composer.size() && (static_cast<unsigned char>(composer[at]) & 0xC0) == 0x80) --at;
  composer.insert(at, text);
  tools.cursor = at + text.size();
  tools.replace = composer;
  tools.caret_to = tools.cursor;
  tools.focus = 3;
}

void replace_composer(std::string& composer, ComposerState& tools, std::string text) {
  composer = std::move(text);
  tools.cursor = composer.size();
  tools.replace = composer;
  tools.caret_to = tools.cursor;
  tools.focus = 3;
}

void append_utf8(std::string& out, unsigned int c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string format_size(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 512) / 1024) + " KB";
  const std::int64_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

}  // namespace parley::web
