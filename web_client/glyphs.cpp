// Glyph ranges of the workspace font (see glyphs.hpp).
#include "glyphs.hpp"

namespace parley::web {

void add_workspace_glyphs(ImFontGlyphRangesBuilder& builder, ImFontAtlas& atlas) {
  builder.AddRanges(atlas.GetGlyphRangesDefault());
  builder.AddRanges(atlas.GetGlyphRangesCyrillic());
  builder.AddRanges(atlas.GetGlyphRangesGreek());
  static const ImWchar extra[] = {
      0x0100, 0x024F,  // Latin Extended-A/B
      0x2010, 0x2027,  // dashes, quotes, bullet, ellipsis, ‖
      0x20AC, 0x20AC,  // €
      0x2190, 0x21FF,  // arrows (↻)
      0x25A0, 0x25FF,  // geometric shapes (● ▸ ▾ ▤)
      0x2600, 0x26FF,  // Miscellaneous Symbols (☺ ☀ ☕ ⚠ …); the font skips the ones it lacks
      0x2700, 0x27BF,  // Dingbats (✓ ✔ ✉ ✈ ✌ ❤ …)
      0};
  builder.AddRanges(extra);
}

}  // namespace parley::web
