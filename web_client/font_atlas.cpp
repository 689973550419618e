// The workspace font, rasterized or restored from a baked atlas (see font_atlas.hpp).
#include "font_atlas.hpp"

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "glyphs.hpp"

namespace parley::web {

namespace {

constexpr char kMagic[4] = {'P', 'F', 'A', '1'};
constexpr float kFontSize = 16.0f;
constexpr int kLines = IM_DRAWLIST_TEX_LINES_WIDTH_MAX + 1;

static_assert(std::is_trivially_copyable_v<ImFontGlyph>);

ImFontConfig workspace_font_config() {
  ImFontConfig config;
  config.SizePixels = kFontSize;
  config.OversampleH = 1;  // glyphs snap to whole pixels: a third less rasterizing
  config.PixelSnapH = true;
  std::strncpy(config.Name, "DejaVu Sans, 16px", sizeof config.Name - 1);
  return config;
}

struct Header {
  char magic[4];
  std::int32_t width, height, glyphs;
  float size, ascent, descent;
  ImVec2 white;
  ImVec4 lines[kLines];
};

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

}  // namespace

bool add_workspace_font(ImFontAtlas& atlas, const char* ttf_path) {
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    add_workspace_glyphs(builder, atlas);
    builder.BuildRanges(&ranges);
  }
  ImFontConfig config = workspace_font_config();
  return atlas.AddFontFromFileTTF(ttf_path, kFontSize, &config, ranges.Data) != nullptr;
}

std::string bake_font_atlas(ImFontAtlas& atlas) {
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
  if (!pixels || atlas.Fonts.Size != 1) return {};
  const ImFont& font = *atlas.Fonts[0];
  Header header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.width = width;
  header.height = height;
  header.glyphs = font.Glyphs.Size;
  header.size = font.FontSize;
  header.ascent = font.Ascent;
  header.descent = font.Descent;
  header.white = atlas.TexUvWhitePixel;
  std::memcpy(header.lines, atlas.TexUvLines, sizeof header.lines);
  std::string out;
  put(out, header);
  out.append(reinterpret_cast<const char*>(font.Glyphs.Data), sizeof(ImFontGlyph) * font.Glyphs.Size);
  out.append(reinterpret_cast<const char*>(pixels), static_cast<std::size_t>(width) * height);
  return out;
}

bool restore_font_atlas(ImFontAtlas& atlas, std::string_view baked) {
  Header header;
  if (baked.size() < sizeof header || !atlas.Fonts.empty()) return false;
  std::memcpy(&header, baked.data(), sizeof header);
  if (std::memcmp(header.magic, kMagic, sizeof kMagic) != 0 || header.width <= 0 || header.height <= 0 ||
      header.glyphs <= 0 || header.width > 8192 || header.height > 8192)
    return false;
  const std::size_t glyph_bytes = sizeof(ImFontGlyph) * static_cast<std::size_t>(header.glyphs);
  const std::size_t pixel_bytes = static_cast<std::size_t>(header.width) * static_cast<std::size_t>(header.height);
  if (baked.size() != sizeof header + glyph_bytes + pixel_bytes) return false;

  atlas.ConfigData.push_back(workspace_font_config());
  ImFontConfig& config = atlas.ConfigData.back();
  ImFont* font = IM_NEW(ImFont);
  atlas.Fonts.push_back(font);
  config.DstFont = font;
  font->ConfigData = &config;
  font->ConfigDataCount = 1;
  font->ContainerAtlas = &atlas;
  font->FontSize = header.size;
  font->Ascent = header.ascent;
  font->Descent = header.descent;
  font->Glyphs.resize(header.glyphs);
  std::memcpy(font->Glyphs.Data, baked.data() + sizeof header, glyph_bytes);
  font->BuildLookupTable();

  atlas.TexWidth = header.width;
  atlas.TexHeight = header.height;
  atlas.TexUvScale = ImVec2(1.0f / static_cast<float>(header.width), 1.0f / static_cast<float>(header.height));
  atlas.TexUvWhitePixel = header.white;
  std::memcpy(atlas.TexUvLines, header.lines, sizeof header.lines);
  atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(pixel_bytes));
  std::memcpy(atlas.TexPixelsAlpha8, baked.data() + sizeof header + glyph_bytes, pixel_bytes);
  atlas.TexReady = true;
  return true;
}

}  // namespace parley::web
