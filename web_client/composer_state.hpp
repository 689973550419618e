// What the composer's tools keep between frames (a member of UiState): files uploaded for the next
// send of their chat, uploads under way, response templates and their picker, and the text edits the
// pickers hand to the composer. Plain data and pure helpers; single-threaded like the app.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model.hpp"
#include "wire.hpp"

namespace parley::web {

constexpr std::int64_t kMaxUploadBytes = 5 << 20;  // the server's default limit, checked before uploading

struct ResponseTemplate {
  std::string id, title, text;
  std::string shortcut, group, owner;  // core/templates.hpp: its `/shortcut` and scope
};

enum class TemplatesLoad { none, asked, loaded };

struct ComposerState {
  std::vector<std::pair<std::string, Attachment>> attached;  // (chat, file), for that chat's next send
  int uploading = 0;                                         // files picked and still on their way
  // response templates
  std::vector<ResponseTemplate> templates;
  TemplatesLoad templates_load = TemplatesLoad::none;
  std::string template_filter;
  bool open_templates = false;  // open the picker this frame
  bool slash_typed = false;     // the composer was just "/": a pick replaces it
  // Saving the reply typed as one's own template (POST /api/v1/templates with owner: the agent).
  struct OwnTemplate {
    bool open = false;
    std::string title, shortcut, error;
    std::uint64_t request = 0;  // the POST under way
  } own;
  // the composer's text edits
  std::size_t cursor = 0;               // where the caret last was (bytes into the composer)
  std::optional<std::string> replace;   // new composer text, for the active field to take
  std::optional<std::size_t> caret_to;  // where the caret goes once the field is active
  int focus = 0;                        // frames left to give the composer the keyboard (it activates a frame late)
  bool handed_files = false;            // files were pasted or dropped into the composer: upload them
};

std::vector<Attachment> attachments_of(const ComposerState& tools, const std::string& chat);
void forget_attachments(ComposerState& tools, const std::string& chat);
// {"id","name","type","size"} (an upload's answer); nullopt if it is not one.
std::optional<Attachment> attachment_from_json(const Json& json);
// {"templates":[{"id","title","text"}]}; nullopt if malformed.
std::optional<std::vector<ResponseTemplate>> templates_from_json(const Json& json);
// Case-insensitive (ASCII) match of the filter against title and text; an empty filter matches all.
bool template_matches(const ResponseTemplate& t, std::string_view filter);
// The templates `filter` matches, in the picker's order: the one whose shortcut it is (a leading '/'
// optional), then those whose shortcut it starts, then the rest as listed.
std::vector<const ResponseTemplate*> templates_for(const std::vector<ResponseTemplate>& templates, std::string_view filter);
// Inserts `text` at the last caret position (or replaces the whole text), and asks the composer to
// take the result, put the caret after the insertion and have the keyboard.
void insert_into_composer(std::string& composer, ComposerState& tools, std::string_view text);
void replace_composer(std::string& composer, ComposerState& tools, std::string text);
void append_utf8(std::string& out, unsigned int codepoint);
// Only spaces and line breaks (or nothing).
bool blank_text(std::string_view text);
// Whether `text` with the chat's attached files makes a message to send now: no upload under way, and
// some text or a file.
bool ready_to_send(const ComposerState& tools, const std::string& chat, std::string_view text);
// "812 B", "47 KB", "1.3 MB".
std::string format_size(std::int64_t bytes);

}  // namespace parley::web
