// The characters the workspace draws beyond ASCII: the glyph ranges baked into the font atlas
// (DejaVu Sans, see main.cpp) and the emoji picker's symbols, every one of which that font has.
#pragma once
#include <imgui.h>

#include <array>

namespace parley::web {

// Adds to `builder` every range the workspace needs: ImGui's Default, Cyrillic and Greek sets, Latin
// Extended, punctuation, arrows, geometric shapes, Miscellaneous Symbols and Dingbats.
void add_workspace_glyphs(ImFontGlyphRangesBuilder& builder, ImFontAtlas& atlas);

// The emoji picker's grid, UTF-8. Colour emoji are not in the font: these are its monochrome symbols.
inline constexpr std::array<const char*, 40> kEmoji{
    "☺", "☹", "☻", "♥", "❤", "★", "☆", "✓",  //
    "✔", "✗", "✘", "☀", "☁", "☂", "☃", "☕",  //
    "⚡", "✌", "☎", "✉", "✈", "☝", "☞", "♪",  //
    "♫", "☘", "✿", "❀", "❄", "☼", "☾", "⚑",  //
    "⚙", "⚠", "✂", "✎", "✍", "♻", "☑", "➜"};
inline constexpr int kEmojiColumns = 8;

}  // namespace parley::web
