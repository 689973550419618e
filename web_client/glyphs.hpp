// The characters the workspace draws beyond ASCII: the glyph ranges baked into the font atlas
// (DejaVu Sans, see main.cpp). Others (CJK, emoji, Arabic…) are drawn by the browser on demand.
#pragma once
#include <imgui.h>

namespace parley::web {

// Adds to `builder` every range the workspace needs: ImGui's Default, Cyrillic and Greek sets, Latin
// Extended, punctuation, arrows, geometric shapes, Miscellaneous Symbols and Dingbats.
void add_workspace_glyphs(ImFontGlyphRangesBuilder& builder, ImFontAtlas& atlas);

}  // namespace parley::web
