// Glyphs drawn by the browser into the atlas texture (see glyph_raster.hpp).
#include "glyph_raster.hpp"

#include <emscripten.h>

#include <cmath>
#include <vector>

namespace parley::web {

namespace {

// Draws one code point in white (colour glyphs keep their colours) at `baseline` in a cell
// `cell_h` pixels tall and copies the cell's RGBA pixels to `out` (room for `cap` bytes). Returns
// the cell's width in pixels (0 when nothing visible was drawn, -1 when it does not fit), the
// advance in pixels and whether the glyph has colours of its own.
EM_JS(int, js_raster_glyph, (const char* css, int codepoint, float baseline, int cell_h, unsigned char* out, int cap,
                             float* advance, int* colored), {
  var canvas = Module.parleyGlyphCanvas;
  if (!canvas) {
    canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(256, 128) : document.createElement('canvas');
    canvas.width = 256;
    canvas.height = 128;
    Module.parleyGlyphCanvas = canvas;
    Module.parleyGlyphContext = canvas.getContext('2d', { willReadFrequently: true });
  }
  var g = Module.parleyGlyphContext;
  g.font = UTF8ToString(css);
  g.textBaseline = 'alphabetic';
  g.fillStyle = '#fff';
  var text = String.fromCodePoint(codepoint);
  var width = g.measureText(text).width;
  HEAPF32[advance >> 2] = width;
  HEAP32[colored >> 2] = 0;
  var w = Math.ceil(width) + 6;
  if (w > canvas.width || cell_h > canvas.height || w * cell_h * 4 > cap) return -1;
  g.clearRect(0, 0, w, cell_h);
  g.fillText(text, 2, baseline);
  var pixels = g.getImageData(0, 0, w, cell_h).data;
  var visible = false, colour = 0;
  for (var i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] === 0) continue;
    visible = true;
    if (pixels[i + 3] > 128 && (Math.abs(pixels[i] - pixels[i + 1]) > 24 || Math.abs(pixels[i + 1] - pixels[i + 2]) > 24 ||
                                pixels[i] < 160)) ++colour;
  }
  HEAP32[colored >> 2] = colour > 4 ? 1 : 0;
  HEAPU8.set(pixels, out);
  return visible ? w : 0;
});

}  // namespace

int raster_wanted_glyphs(GlyphCache& cache, GlRenderer& renderer, int limit) {
  if (!cache.has_wants()) return 0;
  std::vector<GlyphWant> wants = cache.take_wants();
  std::vector<unsigned char> pixels;
  int done = 0;
  const std::uint64_t generation = cache.generation();
  for (const GlyphWant& want : wants) {
    if (done >= limit) break;  // the rest is asked for again when drawn next frame
    const int cell_h = cache.cell_height_px(want.face);
    pixels.resize(static_cast<std::size_t>(cell_h) * 4 * 256);
    float advance = 0;
    int colored = 0;
    const int w = js_raster_glyph(cache.css_font(want.face).c_str(), static_cast<int>(want.codepoint),
                                  cache.baseline_px(want.face), cell_h, pixels.data(), static_cast<int>(pixels.size()),
                                  &advance, &colored);
    ++done;
    if (w < 0 || (w == 0 && advance <= 0)) {
      cache.fail(want);
      continue;
    }
    const auto slot = cache.place(want, w, advance / cache.scale(), colored != 0);
    if (cache.generation() != generation) break;  // the spare rows were full and emptied: start over next frame
    if (slot) renderer.upload(slot->x, slot->y, w, cell_h, pixels.data());
  }
  cache.finish();
  return done;
}

}  // namespace parley::web
