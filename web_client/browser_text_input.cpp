// EM_JS glue to window.parleyTextInput and the exported callbacks its hooks call between frames.
#ifdef __EMSCRIPTEN__
#include "browser_text_input.hpp"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "overlay_holes.hpp"
#include "views/chat_view.hpp"

#include <cstdio>

namespace {
parley::web::App* g_text_app = nullptr;

std::string css_color(ImGuiCol which) {
  const ImVec4 c = ImGui::GetStyleColorVec4(which);
  char out[64];
  std::snprintf(out, sizeof out, "rgba(%d,%d,%d,%.3f)", static_cast<int>(c.x * 255), static_cast<int>(c.y * 255),
                static_cast<int>(c.z * 255), c.w);
  return out;
}
}  // namespace

// clang-format off
EM_JS(int, js_text_input_init, (), {
  if (!window.parleyTextInput) return 0;
  window.parleyTextInput.setHooks({
    input: function(text, caret) {
      var redraw = 0;
      Module.parleyStr(text, function(p) { redraw = _parley_composer_input(p, caret); });
      if (redraw) Module.parleyActive = true;
    },
    submit: function(text) {
      var taken = 0;
      Module.parleyStr(text, function(p) { taken = _parley_composer_submit(p); });
      return taken !== 0;
    },
    files: function(files) {
      Module.parleyHandedFiles = (Module.parleyHandedFiles || []).concat(files);
      _parley_composer_files();
    },
    focus: function() { _parley_composer_focus(); }
  });
  return 1;
});

EM_JS(void, js_text_input_place, (float x, float y, float w, float h, float display_width, float pad_x, float pad_y,
                                  float font_px, int enabled, int covered, const char* placeholder, const char* color,
                                  const char* caret, const char* holes), {
  window.parleyTextInput.place(x, y, w, h, display_width, pad_x, pad_y, font_px, !!enabled, !!covered,
                               UTF8ToString(placeholder), UTF8ToString(color), UTF8ToString(caret),
                               UTF8ToString(holes));
});

EM_JS(void, js_text_input_hide, (), { window.parleyTextInput.hide(); });

EM_JS(void, js_text_input_set, (const char* text, double caret, int focus), {
  window.parleyTextInput.setText(UTF8ToString(text), caret, !!focus);
});

EM_JS(void, js_text_input_focus, (), { window.parleyTextInput.focus(); });
// clang-format on

namespace parley::web {

void init_text_input(App& app) {
  if (!js_text_input_init()) return;
  g_text_app = &app;
  app.ui().dom_composer = true;
}

void sync_text_input(UiState& ui, float display_width) {
  if (!g_text_app) return;
  UiState::ComposerBox& box = ui.composer_box;
  ComposerState& tools = ui.tools;
  if (!box.shown) {
    js_text_input_hide();
    tools.replace.reset();
    tools.caret_to.reset();
    tools.focus = 0;
    return;
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string holes = holes_text(windows_over(box.host, WidgetRect{box.x, box.y, box.w, box.h}));
  js_text_input_place(box.x, box.y, box.w, box.h, display_width, style.FramePadding.x, style.FramePadding.y,
                      ImGui::GetFontSize(), box.enabled, box.covered, box.placeholder.c_str(),
                      css_color(box.enabled ? ImGuiCol_Text : ImGuiCol_TextDisabled).c_str(),
                      css_color(ImGuiCol_Text).c_str(), holes.c_str());
  if (tools.replace) {
    js_text_input_set(tools.replace->c_str(), static_cast<double>(tools.caret_to.value_or(tools.replace->size())),
                      tools.focus > 0 && box.enabled && !box.covered);
  } else if (tools.focus > 0 && box.enabled && !box.covered) {
    js_text_input_focus();
  }
  tools.replace.reset();
  tools.caret_to.reset();
  if (!box.covered) tools.focus = 0;
  box.shown = false;
}

}  // namespace parley::web

extern "C" {
// The text area's text and caret (UTF-8 bytes) after each edit or caret move. Returns 1 when the
// canvas has something to redraw for it (the Send button, the field's height, the template picker);
// plain typing draws no frame, so the browser shows each character at once.
EMSCRIPTEN_KEEPALIVE int parley_composer_input(const char* text, double caret) {
  if (!g_text_app) return 0;
  parley::web::UiState& ui = g_text_app->ui();
  const std::string typed = text;
  const float width = ui.composer_box.w;
  const bool edited = typed != ui.composer;
  // In note mode an @mention being typed (or left) changes the choices drawn under the composer.
  const bool mention_changed =
      ui.together.note_mode && parley::web::mention_query(typed, static_cast<std::size_t>(caret)) !=
                                   parley::web::mention_query(ui.composer, ui.tools.cursor);
  const bool redraw = mention_changed || parley::web::blank_text(typed) != parley::web::blank_text(ui.composer) ||
                      typed == "/" ||
                      ui.composer == "/" ||
                      (width > 0 && ImGui::GetCurrentContext() && ImGui::GetFont() &&
                       parley::web::composer_lines(typed, width) != parley::web::composer_lines(ui.composer, width));
  ui.composer = typed;
  ui.tools.cursor = static_cast<std::size_t>(caret);
  if (edited) g_text_app->composer_edited();
  return redraw ? 1 : 0;
}
// Enter in the text area: 1 if the message went out (the text area then empties), 0 to keep it typed.
EMSCRIPTEN_KEEPALIVE int parley_composer_submit(const char* text) {
  return g_text_app && g_text_app->send_composer(text) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void parley_composer_files() {
  if (g_text_app) g_text_app->ui().composer_files_handed = true;
}
// The text area took the keyboard: no canvas field keeps it.
EMSCRIPTEN_KEEPALIVE void parley_composer_focus() {
  if (g_text_app && ImGui::GetCurrentContext()) ImGui::ClearActiveID();
}
}
#endif
