// Small drawing pieces shared by the views: avatars with initials, icon glyphs, and text in the
// workspace's faces (regular, bold, title) at a position, asking the glyph cache for what it lacks.
#pragma once
#include <imgui.h>

#include <string_view>

#include "glyph_cache.hpp"
#include "widgets.hpp"

namespace parley::web {

// Icons: symbols of the text font, so they scale and colour like text.
namespace icon {
inline constexpr const char* kSearch = "⌕";
inline constexpr const char* kAttach = "⎘";
inline constexpr const char* kSun = "☀";
inline constexpr const char* kMoon = "☾";
inline constexpr const char* kClock = "◷";
inline constexpr const char* kPaused = "‖";
inline constexpr const char* kFile = "▤";
inline constexpr const char* kChat = "✉";
}  // namespace icon

// A filled circle in the name's colour with its initials.
void draw_avatar(ImVec2 center, float radius, std::string_view name);

// Text in a face at a screen position; returns its width.
float draw_text(ImDrawList* draw, Face face, ImVec2 at, ImU32 color, std::string_view text);
float text_width(Face face, std::string_view text);

// Title text as an item at the cursor (section headings).
void heading(std::string_view text);

// The light/dark switch ("theme.toggle"); the page remembers the choice.
void theme_toggle(Widgets& widgets);
inline constexpr const char* kThemeToggleWidest = "☀ Light";  // its longer label, for same_line_if_fits

// Keeps the next item (a button labelled `label`) on the current line while it fits the window, `spacing`
// after the last item; else it starts the next line.
void same_line_if_fits(const char* label, float spacing = -1.0f);

}  // namespace parley::web
