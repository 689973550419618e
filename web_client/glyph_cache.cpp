// Glyphs drawn by the browser on demand (see glyph_cache.hpp).
#include "glyph_cache.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "bidi_text.hpp"

namespace parley::web {

namespace {

constexpr float kBaseSize = 16.0f;
constexpr std::uint32_t kPlane = 0x110000;
constexpr int kPad = 2;  // pixels left of the pen position in a rasterized cell (overhangs)
constexpr const char* kFamilies =
    "\"DejaVu Sans\", \"Noto Sans\", \"Segoe UI\", \"Noto Sans CJK SC\", \"WenQuanYi Zen Hei\", \"Droid Sans Fallback\", "
    "\"Noto Sans Arabic\", \"Noto Sans Hebrew\", \"Noto Color Emoji\", \"Apple Color Emoji\", \"Segoe UI Emoji\", "
    "sans-serif";

bool stand_in(const ImFontGlyph* glyph) { return glyph && glyph->U0 < 0; }

}  // namespace

GlyphCache& glyph_cache() {
  static GlyphCache cache;
  return cache;
}

ImFont* workspace_font(Face face) {
  const GlyphCache& cache = glyph_cache();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const int index = static_cast<int>(face);
  if (cache.attached() && atlas && atlas->Fonts.Size > index) return atlas->Fonts[index];
  return ImGui::GetFont();
}

void GlyphCache::attach(ImFontAtlas& atlas, int spare_rows) {
  if (atlas_ || atlas.Fonts.Size != 1 || atlas.TexWidth <= 0) return;
  atlas_ = &atlas;
  width_ = atlas.TexWidth;
  const int baked_height = atlas.TexHeight;
  height_ = baked_height + 2 + std::max(spare_rows, 64);
  top_ = baked_height + 2;  // row baked_height stays transparent: the stand-ins sample it
  const float rescale = static_cast<float>(baked_height) / static_cast<float>(height_);
  ImFont* text = atlas.Fonts[0];
  for (ImFontGlyph& g : text->Glyphs) {
    g.V0 *= rescale;
    g.V1 *= rescale;
  }
  atlas.TexUvWhitePixel.y *= rescale;
  for (ImVec4& line : atlas.TexUvLines) {
    line.y *= rescale;
    line.w *= rescale;
  }
  for (const ImFontGlyph& g : text->Glyphs)
    if (g.Codepoint != '\t') baked_.push_back(g);
  faces_[0].font = text;
  const float sizes[3] = {kBaseSize, kBaseSize, 20.0f};
  for (int i = 0; i < 3; ++i) {
    faces_[i].size = sizes[i];
    faces_[i].bold = i > 0;
    if (i == 0) continue;
    ImFont* font = IM_NEW(ImFont);
    atlas.Fonts.push_back(font);
    font->ContainerAtlas = &atlas;
    font->ConfigData = text->ConfigData;
    font->ConfigDataCount = 1;
    font->FontSize = sizes[i];
    font->Ascent = std::round(text->Ascent * sizes[i] / kBaseSize);
    font->Descent = std::round(text->Descent * sizes[i] / kBaseSize);
    faces_[i].font = font;
  }
  reset_faces();
}

void GlyphCache::stand_ins(FaceData& face, int index) {
  const float k = face.size / kBaseSize * (face.bold ? 1.07f : 1.0f);
  const float v = (static_cast<float>(top_ - 2) + 0.5f) / static_cast<float>(height_);
  face.base.clear();
  face.base.reserve(baked_.Size);
  for (ImFontGlyph g : baked_) {
    const float u = -static_cast<float>(1 + static_cast<std::uint32_t>(index) * kPlane + g.Codepoint);
    g.Colored = 0;
    g.X0 *= k;
    g.X1 *= k;
    g.Y0 *= face.size / kBaseSize;
    g.Y1 *= face.size / kBaseSize;
    g.AdvanceX *= k;
    g.U0 = g.U1 = u;
    g.V0 = g.V1 = v;
    face.base.push_back(g);
  }
}

void GlyphCache::reset_faces() {
  for (int i = 0; i < 3; ++i) {
    FaceData& face = faces_[i];
    ++face_generations_[i];
    if (i == 0 && scale_ == 1.0f) face.base = baked_;
    else stand_ins(face, i);
    face.font->Glyphs = face.base;
    face.font->FallbackGlyph = nullptr;
    face.font->BuildLookupTable();
    face.dirty = false;
  }
  shelf_x_ = 0;
  shelf_y_ = top_;
  shelf_h_ = 0;
  wants_.clear();
  failed_.clear();
  added_ = 0;
  ++generation_;
}

void GlyphCache::set_scale(float scale) {
  if (!(scale > 0.25f && scale < 8.0f)) scale = 1;
  if (scale == scale_) return;
  scale_ = scale;
  if (atlas_) reset_faces();
}

namespace {
// Calls `absent(c)` for each drawable code point of `utf8` that `font` has no real glyph for.
template <class Absent>
void for_each_absent(const ImFont* font, std::string_view utf8, Absent absent) {
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  while (p < end) {
    unsigned int c = 0;
    p += ImTextCharFromUtf8(&c, p, end);
    if (c < 0x20 || zero_width(c)) continue;
    const ImFontGlyph* glyph = font ? font->FindGlyphNoFallback(static_cast<ImWchar>(c)) : nullptr;
    if (!glyph || stand_in(glyph)) absent(c);
  }
}
}  // namespace

void GlyphCache::want(Face face, std::string_view utf8) {
  if (!atlas_) return;
  const int index = static_cast<int>(face);
  for_each_absent(faces_[index].font, utf8, [&](unsigned int c) {
    const GlyphWant w{index, c};
    if (!failed_.count(w)) wants_.insert(w);
  });
}

int GlyphCache::missing(Face face, std::string_view utf8) const {
  const ImFont* font = atlas_ ? faces_[static_cast<int>(face)].font : ImGui::GetFont();
  int count = 0;
  for_each_absent(font, utf8, [&](unsigned int) { ++count; });
  return count;
}

void GlyphCache::want_drawn(const ImDrawData* data) {
  if (!atlas_ || !data) return;
  for (int n = 0; n < data->CmdListsCount; ++n)
    for (const ImDrawVert& v : data->CmdLists[n]->VtxBuffer) {
      if (v.uv.x > -0.5f) continue;
      const auto id = static_cast<std::uint32_t>(std::lround(-v.uv.x)) - 1;
      const GlyphWant w{static_cast<int>(id / kPlane), id % kPlane};
      if (w.face < 3 && !failed_.count(w)) wants_.insert(w);
    }
}

std::vector<GlyphWant> GlyphCache::take_wants() {
  std::vector<GlyphWant> out(wants_.begin(), wants_.end());
  wants_.clear();
  return out;
}

std::string GlyphCache::css_font(int face) const {
  char size[32];
  std::snprintf(size, sizeof size, "%.2fpx ", static_cast<double>(faces_[face].size * scale_));
  return std::string(faces_[face].bold ? "bold " : "") + size + kFamilies;
}

float GlyphCache::baseline_px(int face) const { return std::round(faces_[face].font->Ascent * scale_) + 1; }

int GlyphCache::cell_height_px(int face) const {
  const ImFont* font = faces_[face].font;
  return static_cast<int>(std::ceil((font->Ascent - font->Descent) * scale_)) + 3;
}

std::optional<GlyphSlot> GlyphCache::place(const GlyphWant& want, int width_px, float advance_css, bool colored) {
  if (!atlas_ || want.face < 0 || want.face > 2) return std::nullopt;
  FaceData& face = faces_[want.face];
  wants_.erase(want);
  if (want.face == 0) {  // the text face keeps the baked advances: layout is the same at every scale
    for (const ImFontGlyph& g : baked_)
      if (g.Codepoint == want.codepoint) {
        advance_css = g.AdvanceX;
        break;
      }
  }
  const auto cp = static_cast<ImWchar>(want.codepoint);
  face.dirty = true;
  ++added_;
  if (width_px <= 0) {
    face.font->AddGlyph(nullptr, cp, 0, 0, 0, 0, 0, 0, 0, 0, advance_css);
    return std::nullopt;
  }
  const int h = cell_height_px(want.face);
  if (shelf_x_ + width_px > width_) {
    shelf_y_ += shelf_h_ + 1;
    shelf_x_ = 0;
    shelf_h_ = 0;
  }
  if (width_px > width_ || shelf_y_ + h > height_) {
    ++resets_;
    reset_faces();
    return std::nullopt;
  }
  const GlyphSlot slot{shelf_x_, shelf_y_};
  shelf_x_ += width_px + 1;
  shelf_h_ = std::max(shelf_h_, h);
  const float s = scale_, w = static_cast<float>(width_), t = static_cast<float>(height_);
  const float x0 = -kPad / s, y0 = -1 / s;
  face.font->AddGlyph(nullptr, cp, x0, y0, x0 + static_cast<float>(width_px) / s, y0 + static_cast<float>(h) / s,
                      static_cast<float>(slot.x) / w, static_cast<float>(slot.y) / t,
                      static_cast<float>(slot.x + width_px) / w, static_cast<float>(slot.y + h) / t, advance_css);
  face.font->Glyphs.back().Colored = colored ? 1 : 0;
  return slot;
}

void GlyphCache::fail(const GlyphWant& want) {
  wants_.erase(want);
  failed_.insert(want);
}

void GlyphCache::finish() {
  for (int i = 0; i < 3; ++i) {
    FaceData& face = faces_[i];
    if (!face.dirty) continue;
    ++face_generations_[i];
    ImVector<ImFontGlyph>& glyphs = face.font->Glyphs;
    int kept = 0;
    for (int i = 0; i < glyphs.Size; ++i)
      if (glyphs[i].Codepoint != '\t') glyphs[kept++] = glyphs[i];
    glyphs.resize(kept);
    face.font->FallbackGlyph = nullptr;
    face.font->BuildLookupTable();
    face.dirty = false;
    ++generation_;
  }
}

GlyphStats GlyphCache::stats() const {
  GlyphStats s;
  s.added = added_;
  s.wanted = wants_.size();
  s.failed = failed_.size();
  s.resets = resets_;
  s.rows = height_ - top_;
  s.rows_used = shelf_y_ + shelf_h_ - top_;
  return s;
}

}  // namespace parley::web
