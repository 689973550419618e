// Build-time tool: rasterizes the workspace font from its TTF and writes the baked atlas that
// parley-web restores at start. Usage: parley-font-bake FONT.ttf OUT.atlas (exit 1 on failure).
#include <cstdio>
#include <string>

#include "font_atlas.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: parley-font-bake FONT.ttf OUT.atlas\n");
    return 1;
  }
  ImFontAtlas atlas;
  if (!parley::web::add_workspace_font(atlas, argv[1])) {
    std::fprintf(stderr, "parley-font-bake: cannot read %s\n", argv[1]);
    return 1;
  }
  const std::string baked = parley::web::bake_font_atlas(atlas);
  std::FILE* out = std::fopen(argv[2], "wb");
  bool written = out && !baked.empty() && std::fwrite(baked.data(), 1, baked.size(), out) == baked.size();
  if (out) written = std::fclose(out) == 0 && written;
  if (!written) {
    std::fprintf(stderr, "parley-font-bake: cannot write %s\n", argv[2]);
    return 1;
  }
  return 0;
}
