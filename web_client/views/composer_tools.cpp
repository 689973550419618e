// Composer tools: [Attach] [Templates] [Articles] [Actions] [☺], an upload note, one chip per picked file; the template
// picker and the emoji grid open upwards from the row.
#include "views/composer_tools.hpp"
#include "views/actions_popup.hpp"
#include "views/articles_popup.hpp"
#include "views/emoji_picker.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "glyphs.hpp"
#include "templates.hpp"

namespace parley::web {

namespace {

constexpr const char* kAttach = "Attach…";
constexpr const char* kTemplates = "Templates";
constexpr const char* kArticles = "Articles";
constexpr const char* kActions = "Actions";
constexpr const char* kEmojiButton = "☺";
constexpr std::size_t kChipNameBytes = 28, kPreviewBytes = 64;

// The text cut to at most `bytes` at a UTF-8 boundary, with "…" when cut.
std::string clipped(const std::string& text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes) + "…";
}

std::string chip_label(const Attachment& file) {
  return "▤ " + clipped(file.name, kChipNameBytes) + " · " + format_size(file.size) + "  ×";
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

std::string uploading_note(int count) {
  return count == 1 ? std::string("Uploading a file…") : "Uploading " + std::to_string(count) + " files…";
}

// Widths of the row's items in order: the buttons, the upload note (if any), the chips.
std::vector<float> item_widths(const Chat& chat, const UiState& ui, std::vector<Attachment>* chips) {
  std::vector<float> widths{button_width(kAttach), button_width(kTemplates), button_width(kArticles),
                            button_width(kActions), button_width(kEmojiButton)};
  if (ui.tools.uploading > 0) widths.push_back(ImGui::CalcTextSize(uploading_note(ui.tools.uploading).c_str()).x);
  for (const Attachment& file : attachments_of(ui.tools, chat.id)) {
    widths.push_back(button_width(chip_label(file).c_str()));
    if (chips) chips->push_back(file);
  }
  return widths;
}

// How many rows the items need at this width, wrapping before an item that would overflow.
int rows_for(const std::vector<float>& widths, float width) {
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  int rows = 1;
  float x = 0;
  for (float w : widths) {
    if (x > 0 && x + gap + w > width) {
      ++rows;
      x = 0;
    }
    x += (x > 0 ? gap : 0) + w;
  }
  return rows;
}

// Continues the row with an item of width `w`, or starts the next row when it would not fit.
void place(float w, float right) {
  ImGui::SameLine();
  if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
}

void pick_template(const ViewContext& view, const Chat& chat, const ResponseTemplate& t, UiState& ui) {
  const std::string text = fill_placeholders(view.state, &chat, view.agent, t.text);
  if (ui.tools.slash_typed && ui.composer == "/") replace_composer(ui.composer, ui.tools, text);
  else insert_into_composer(ui.composer, ui.tools, text);
  ui.tools.slash_typed = false;
  ImGui::CloseCurrentPopup();
}

// The reply typed, kept as the agent's own template: a title and an optional /shortcut, checked as the
// desk checks them before they are sent.
void draw_own_template_form(UiState& ui, Outbox& out) {
  ComposerState::OwnTemplate& own = ui.tools.own;
  ImGui::Separator();
  if (!own.open) {
    ImGui::BeginDisabled(blank_text(ui.composer) || ui.tools.slash_typed);
    if (ImGui::SmallButton("Save the reply as my template")) own.open = true;
    ImGui::EndDisabled();
    ui.widgets.record_last_item("templates.own.open");
    return;
  }
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##own_title", "Title", &own.title);
  ui.widgets.record_last_item("templates.own.title");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##own_shortcut", "Shortcut (optional, without /)", &own.shortcut);
  ui.widgets.record_last_item("templates.own.shortcut");
  if (!own.error.empty()) ImGui::TextColored(ImVec4(0.85f, 0.25f, 0.2f, 1.0f), "%s", own.error.c_str());
  ImGui::BeginDisabled(own.request != 0);
  if (ImGui::SmallButton(own.request != 0 ? "Saving…" : "Save")) {
    if (own.title.empty() || own.title.size() > 200) own.error = "A title of 1 to 200 bytes.";
    else if (!own.shortcut.empty() && !valid_shortcut(own.shortcut))
      own.error = "A shortcut is lowercase letters, digits, '-' or '_' (at most 32).";
    else out.ask(SaveOwnTemplate{});
  }
  ImGui::EndDisabled();
  ui.widgets.record_last_item("templates.own.save");
  ImGui::SameLine();
  if (ImGui::SmallButton("Cancel")) own = {};
  ui.widgets.record_last_item("templates.own.cancel");
}

void draw_templates_popup(const ViewContext& view, const Chat& chat, UiState& ui, Outbox& out) {
  ImGui::SetNextWindowSizeConstraints(ImVec2(380, 0), ImVec2(520, 340));
  if (!ImGui::BeginPopup("##templates")) {
    if (ui.composer != "/") ui.tools.slash_typed = false;
    return;
  }
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {  // one Escape closes it, even while filtering
    ImGui::CloseCurrentPopup();
    ui.tools.caret_to = ui.composer.size();
    ui.tools.focus = 3;
  }
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  const bool enter = ImGui::InputTextWithHint("##template_filter", "Filter templates", &ui.tools.template_filter,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ui.widgets.record_last_item("templates.filter");
  const ResponseTemplate* first = nullptr;
  for (const ResponseTemplate* listed : templates_for(ui.tools.templates, ui.tools.template_filter)) {
    const ResponseTemplate& t = *listed;
    ImGui::PushID(t.id.c_str());
    if (ImGui::Selectable(t.title.c_str())) pick_template(view, chat, t, ui);
    ui.widgets.record_last_item("templates.item." + t.id);
    if (!t.shortcut.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("/%s", t.shortcut.c_str());
    }
    if (!first) {
      first = &t;
      ui.widgets.record_last_item("templates.item");
    }
    ImGui::Indent();
    ImGui::TextDisabled("%s", clipped(t.text.substr(0, t.text.find('\n')), kPreviewBytes).c_str());
    ImGui::Unindent();
    ImGui::PopID();
  }
  if (enter && first) pick_template(view, chat, *first, ui);
  if (!first) {
    if (ui.tools.templates_load != TemplatesLoad::loaded) ImGui::TextDisabled("Loading templates…");
    else if (ui.tools.templates.empty()) ImGui::TextDisabled("No templates yet.");
    else ImGui::TextDisabled("No template matches.");
  }
  draw_own_template_form(ui, out);
  ImGui::EndPopup();
}

void draw_emoji_popup(UiState& ui) {
  if (!ImGui::BeginPopup("##emoji")) return;
  const std::string picked = draw_emoji_picker(ui.widgets);
  if (!picked.empty()) {
    insert_into_composer(ui.composer, ui.tools, picked);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace

float composer_tools_height(const Chat& chat, const UiState& ui, float width) {
  const int rows = rows_for(item_widths(chat, ui, nullptr), width);
  return static_cast<float>(rows) * (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y);
}

void draw_composer_tools(const ViewContext& view, const Chat& chat, bool enabled, UiState& ui, Outbox& out) {
  const ImVec2 anchor = ImGui::GetCursorScreenPos();
  const float right = anchor.x + ImGui::GetContentRegionAvail().x;
  std::vector<Attachment> chips;
  item_widths(chat, ui, &chips);

  ImGui::BeginDisabled(!enabled);
  ImGui::BeginDisabled(chips.size() >= kMaxAttachments);
  if (ImGui::Button(kAttach)) out.ask(PickFiles{chat.id});
  ImGui::EndDisabled();
  ui.widgets.record_last_item("composer.attach");
  ImGui::SameLine();
  if (ImGui::Button(kTemplates)) ui.tools.open_templates = true;
  ui.widgets.record_last_item("composer.templates");
  ImGui::SameLine();
  if (ImGui::Button(kArticles)) ui.articles.open = true;
  ui.widgets.record_last_item("composer.articles");
  ImGui::SameLine();
  if (ImGui::Button(kActions)) ui.actions.open = true;
  ui.widgets.record_last_item("composer.actions");
  ImGui::SameLine();
  if (ImGui::Button(kEmojiButton)) ImGui::OpenPopup("##emoji");
  ui.widgets.record_last_item("composer.emoji");
  if (ui.tools.uploading > 0) {
    const std::string note = uploading_note(ui.tools.uploading);
    place(ImGui::CalcTextSize(note.c_str()).x, right);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", note.c_str());
  }
  for (std::size_t i = 0; i < chips.size(); ++i) {
    const std::string label = chip_label(chips[i]);
    place(button_width(label.c_str()), right);
    ImGui::PushID(static_cast<int>(i));
    const bool remove = ImGui::Button(label.c_str());
    ImGui::PopID();
    ui.widgets.record_last_item("composer.attachment." + std::to_string(i));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove %s", chips[i].name.c_str());
    if (remove) {
      for (auto it = ui.tools.attached.begin(); it != ui.tools.attached.end(); ++it)
        if (it->first == chat.id && it->second.id == chips[i].id) {
          ui.tools.attached.erase(it);
          break;
        }
    }
  }
  ImGui::EndDisabled();

  if (ui.tools.open_templates && enabled) {
    ui.tools.template_filter.clear();
    out.ask(LoadTemplates{});
    ImGui::OpenPopup("##templates");
  }
  ui.tools.open_templates = false;
  if (ui.articles.open && enabled) {
    ui.articles.query.clear();
    out.ask(LoadArticles{});
    ImGui::OpenPopup("##articles");
  }
  ui.articles.open = false;
  if (ui.actions.open && enabled) {
    pick_action(ui.actions, "");
    out.ask(LoadActions{});
    ImGui::OpenPopup("##actions");
  }
  ui.actions.open = false;
  ImGui::SetNextWindowPos(anchor, ImGuiCond_Always, ImVec2(0, 1));  // grows upwards
  draw_actions_popup(chat, ui, out);
  ImGui::SetNextWindowPos(anchor, ImGuiCond_Always, ImVec2(0, 1));  // grows upwards
  draw_articles_popup(ui);
  ImGui::SetNextWindowPos(anchor, ImGuiCond_Always, ImVec2(0, 1));  // grows upwards
  draw_templates_popup(view, chat, ui, out);
  ImGui::SetNextWindowPos(anchor, ImGuiCond_Always, ImVec2(0, 1));  // grows upwards
  draw_emoji_popup(ui);
}

}  // namespace parley::web
