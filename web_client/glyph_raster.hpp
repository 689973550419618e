// The browser side of the glyph cache: draws the glyphs the cache wants with the page's own fonts
// (canvas 2D fillText on an OffscreenCanvas, so any script and colour emoji) and uploads them into
// the atlas texture. Browser only (Emscripten).
#pragma once
#include "gl_renderer.hpp"
#include "glyph_cache.hpp"

namespace parley::web {

// Rasterizes up to `limit` wanted glyphs and adds them to the fonts; returns how many it handled.
int raster_wanted_glyphs(GlyphCache& cache, GlRenderer& renderer, int limit);

}  // namespace parley::web
