// The workspace font: DejaVu Sans at 16 px over the workspace's glyph ranges, either rasterized from
// the TTF or restored from an atlas baked at build time (no TTF download and no rasterizing at start).
#pragma once
#include <imgui.h>

#include <string>
#include <string_view>

namespace parley::web {

// Adds the workspace font from a TTF file to an empty atlas; false if the file cannot be read.
bool add_workspace_font(ImFontAtlas& atlas, const char* ttf_path);

// A built atlas of one font as bytes: metrics, glyphs, line and white-pixel coordinates and the
// one-channel pixels. Same-platform format (glyphs are stored as their in-memory structure).
std::string bake_font_atlas(ImFontAtlas& atlas);

// Restores an empty atlas from bake_font_atlas's bytes to the state Build() leaves (font, lookup
// tables, pixels ready for GetTexDataAsAlpha8); false, atlas unchanged, if the bytes are not such.
bool restore_font_atlas(ImFontAtlas& atlas, std::string_view baked);

}  // namespace parley::web
