// Glyphs beyond the baked atlas, drawn on demand by the browser (any script, colour emoji) into the
// atlas texture's spare rows. Pure bookkeeping: which code points the workspace's fonts lack, where a
// rasterized glyph goes in the texture (shelf packing, bounded: when full every added glyph is dropped
// and asked again), and the ImGui glyph entries. The browser glue rasterizes and uploads the pixels.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::web {

// The workspace's fonts, in the atlas in this order: the text font (baked, 16 px), bold (16 px) and
// the title face (bold, 20 px). Views reach them with workspace_font(); without the cache (native
// tests) every face is the atlas's first font.
enum class Face { regular = 0, bold = 1, title = 2 };
ImFont* workspace_font(Face face);

struct GlyphWant {
  int face = 0;
  std::uint32_t codepoint = 0;
  friend auto operator<=>(const GlyphWant&, const GlyphWant&) = default;
};

struct GlyphSlot {
  int x = 0, y = 0;  // top-left texel of the glyph's pixels in the texture
};

struct GlyphStats {
  std::size_t added = 0;     // glyphs rasterized by the browser and in the fonts now
  std::size_t wanted = 0;    // code points asked for and not rasterized yet
  std::size_t failed = 0;    // code points the browser drew nothing for
  std::size_t resets = 0;    // times the spare rows filled up and were emptied
  int rows_used = 0, rows = 0;
};

class GlyphCache {
 public:
  // Takes an atlas restored from the baked font (one font, pixels ready): adds the bold and title
  // faces and `spare_rows` empty texture rows below the baked pixels (rescaling the baked texture
  // coordinates). Call before the texture is uploaded.
  void attach(ImFontAtlas& atlas, int spare_rows);
  bool attached() const { return atlas_ != nullptr; }

  // Device pixels per CSS pixel. At 1 the text face uses the baked glyphs; at any other ratio every
  // glyph is drawn by the browser at that ratio. Changing it drops the added glyphs.
  void set_scale(float scale);
  float scale() const { return scale_; }

  // Asks for every code point of `utf8` that `face` lacks.
  void want(Face face, std::string_view utf8);
  // Number of code points of `utf8` that `face` has no glyph for yet.
  int missing(Face face, std::string_view utf8) const;
  // Glyphs not rasterized yet but drawn this frame as stand-ins (they carry their code point in a
  // negative texture coordinate): asks for them. The UI's own labels reach the cache this way.
  void want_drawn(const ImDrawData* data);
  bool has_wants() const { return !wants_.empty(); }
  std::vector<GlyphWant> take_wants();

  // CSS font of a face at the current scale (size in device pixels) and its baseline and cell height
  // in device pixels.
  std::string css_font(int face) const;
  float baseline_px(int face) const;
  int cell_height_px(int face) const;

  // Adds a glyph drawn `width_px` × cell height pixels (0: nothing visible) advancing `advance_css`.
  // Returns where its pixels go, or nullopt when there is no room (the added glyphs were dropped:
  // ask again later) or nothing to upload.
  std::optional<GlyphSlot> place(const GlyphWant& want, int width_px, float advance_css, bool colored);
  void fail(const GlyphWant& want);
  // Rebuilds the lookup tables of the faces that changed.
  void finish();

  GlyphStats stats() const;
  // Changes whenever glyphs (and so text widths) change: layouts measured before are stale. Per
  // face, or of any face.
  std::uint64_t generation() const { return generation_; }
  std::uint64_t generation(Face face) const { return face_generations_[static_cast<int>(face)]; }
  int texture_width() const { return width_; }
  int texture_height() const { return height_; }
  int spare_top() const { return top_; }

 private:
  struct FaceData {
    ImFont* font = nullptr;
    float size = 16;
    bool bold = false;
    ImVector<ImFontGlyph> base;  // the glyphs it starts from at the current scale
    bool dirty = false;
  };
  void reset_faces();
  void stand_ins(FaceData& face, int index);
  ImFontConfig* config_ = nullptr;
  ImFontAtlas* atlas_ = nullptr;
  FaceData faces_[3];
  ImVector<ImFontGlyph> baked_;
  float scale_ = 1;
  int width_ = 0, height_ = 0, top_ = 0;
  int shelf_x_ = 0, shelf_y_ = 0, shelf_h_ = 0;
  std::set<GlyphWant> wants_, failed_;
  std::size_t added_ = 0, resets_ = 0;
  std::uint64_t generation_ = 0;
  std::uint64_t face_generations_[3] = {0, 0, 0};
};

GlyphCache& glyph_cache();

}  // namespace parley::web
