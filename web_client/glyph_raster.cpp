// Glyphs drawn by the browser into the atlas texture (see glyph_raster.hpp).
#include "glyph_raster.hpp"

#include <emscripten.h>
#include <imgui_internal.h>

#include <cmath>
#include <string>
#include <vector>

#include "emoji_sequences.hpp"

namespace parley::web {

namespace {

// Draws `count` glyphs of one face (their texts joined by U+001F in `joined`) side by side in white (colour glyphs keep their colours) at
// `baseline` in cells `cell_h` pixels tall, reads them back with one getImageData, and writes each
// cell's RGBA pixels one after another to `out` (room for `cap` bytes). For each glyph: the cell's
// width in pixels, its advance in pixels and its kind (0 plain, 1 with colours of its own, 2 nothing
// visible). Returns how many glyphs it handled (the first ones).
EM_JS(int, js_raster_glyphs, (const char* css, const char* joined, int count, float baseline, int cell_h,
                              unsigned char* out, int cap, int* widths, float* advances, int* kinds), {
  var canvas = Module.parleyGlyphCanvas;
  if (!canvas) {
    canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(2048, 128) : document.createElement('canvas');
    canvas.width = 2048;
    canvas.height = 128;
    Module.parleyGlyphCanvas = canvas;
    Module.parleyGlyphContext = canvas.getContext('2d', { willReadFrequently: true });
  }
  var g = Module.parleyGlyphContext;
  if (cell_h > canvas.height) return 0;
  g.font = UTF8ToString(css);
  var all = UTF8ToString(joined).split(String.fromCharCode(31));
  var texts = [], xs = [], ws = [], x = 0, n = 0;
  for (; n < count; ++n) {
    var text = all[n];
    var advance = g.measureText(text).width;
    var w = Math.ceil(advance) + 6;
    if (x + w > canvas.width) break;
    texts.push(text); xs.push(x); ws.push(w);
    HEAPF32[(advances >> 2) + n] = advance;
    x += w;
  }
  if (n === 0) return 0;
  g.clearRect(0, 0, x, cell_h);
  g.textBaseline = 'alphabetic';
  g.fillStyle = '#fff';
  for (var i = 0; i < n; ++i) g.fillText(texts[i], xs[i] + 2, baseline);
  var pixels = g.getImageData(0, 0, x, cell_h).data;
  var at = 0;
  for (var i = 0; i < n; ++i) {
    var w = ws[i], visible = false, colour = 0;
    if (at + w * cell_h * 4 > cap) { n = i; break; }
    for (var row = 0; row < cell_h; ++row) {
      var from = (row * x + xs[i]) * 4;
      var line = pixels.subarray(from, from + w * 4);
      HEAPU8.set(line, out + at + row * w * 4);
      for (var k = 0; k < line.length; k += 4) {
        if (line[k + 3] === 0) continue;
        visible = true;
        if (line[k + 3] > 128 && (Math.abs(line[k] - line[k + 1]) > 24 || Math.abs(line[k + 1] - line[k + 2]) > 24 ||
                                  line[k] < 160)) ++colour;
      }
    }
    HEAP32[(widths >> 2) + i] = w;
    HEAP32[(kinds >> 2) + i] = !visible ? 2 : colour > 4 ? 1 : 0;
    at += w * cell_h * 4;
  }
  return n;
});

// A glyph's text for the browser: an emoji sequence's own text, else the code point; U+001F ends it.
void append_glyph_text(std::string& joined, std::uint32_t codepoint) {
  const std::string_view sequence = emoji_sequences().text_of(codepoint);
  if (!sequence.empty()) {
    joined += sequence;
  } else {
    char buffer[5] = {};
    joined += ImTextCharToUtf8(buffer, codepoint);
  }
  joined += '\x1f';
}

}  // namespace

int raster_wanted_glyphs(GlyphCache& cache, GlRenderer& renderer, int limit) {
  if (!cache.has_wants()) return 0;
  std::vector<GlyphWant> wants = cache.take_wants();  // in face order
  if (static_cast<int>(wants.size()) > limit) wants.resize(static_cast<std::size_t>(limit));  // the rest: next frame
  const std::uint64_t generation = cache.generation();
  int done = 0;
  for (std::size_t start = 0; start < wants.size();) {
    const int face = wants[start].face;
    std::vector<int> codepoints;
    std::string joined;
    for (std::size_t i = start; i < wants.size() && wants[i].face == face; ++i) {
      codepoints.push_back(static_cast<int>(wants[i].codepoint));
      append_glyph_text(joined, wants[i].codepoint);
    }
    const int cell_h = cache.cell_height_px(face);
    std::vector<unsigned char> pixels(static_cast<std::size_t>(cell_h) * 4 * 2048);
    std::vector<int> widths(codepoints.size()), kinds(codepoints.size());
    std::vector<float> advances(codepoints.size());
    const int n = js_raster_glyphs(cache.css_font(face).c_str(), joined.c_str(), static_cast<int>(codepoints.size()),
                                   cache.baseline_px(face), cell_h, pixels.data(), static_cast<int>(pixels.size()),
                                   widths.data(), advances.data(), kinds.data());
    if (n <= 0) {
      for (int codepoint : codepoints) cache.fail(GlyphWant{face, static_cast<std::uint32_t>(codepoint)});
      break;
    }
    std::size_t offset = 0;
    for (int i = 0; i < n; ++i) {
      const GlyphWant want{face, static_cast<std::uint32_t>(codepoints[static_cast<std::size_t>(i)])};
      const auto at = static_cast<std::size_t>(i);
      const int w = widths[at], kind = kinds[at];
      const float advance = advances[at];
      if (kind == 2 && advance <= 0) cache.fail(want);
      else if (const auto slot = cache.place(want, kind == 2 ? 0 : w, advance / cache.scale(), kind == 1))
        renderer.upload(slot->x, slot->y, w, cell_h, pixels.data() + offset);
      if (cache.generation() != generation) break;  // the spare rows were full and emptied: start over next frame
      offset += static_cast<std::size_t>(w) * static_cast<std::size_t>(cell_h) * 4;
      ++done;
    }
    if (cache.generation() != generation) break;
    start += static_cast<std::size_t>(n);
  }
  cache.finish();
  return done;
}

}  // namespace parley::web
