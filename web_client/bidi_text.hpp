// Message text laid out for drawing: paragraphs split at newlines, Arabic joined into its
// presentation forms and every line put in display order by the Unicode bidirectional algorithm
// (both by FriBidi), wrapped at a width with the font's own word wrapping. Pure.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley::web {

// Format characters drawn as nothing (joiners, variation selectors, bidi marks and embeddings, BOM):
// left out of laid-out text and never asked of a font.
bool zero_width(std::uint32_t codepoint);

// Whether any character of the text is written right to left (Hebrew, Arabic, Syriac, Thaana, NKo…).
bool has_rtl(std::string_view utf8);

struct TextLine {
  std::string text;  // in display order, left to right
  float width = 0;
  bool rtl = false;  // its paragraph runs right to left: align it to the right
};

struct TextLayout {
  std::vector<TextLine> lines;
  float width = 0;   // of the widest line
  float height = 0;  // lines × the font's line height
};

class EmojiSequences;

// Lays `utf8` out for `font` at its size, wrapping lines wider than `wrap_width` at word boundaries.
// With `sequences`, each emoji sequence becomes its one code point there. An empty text is one empty line.
TextLayout layout_text(const ImFont* font, std::string_view utf8, float wrap_width, EmojiSequences* sequences = nullptr);

}  // namespace parley::web
