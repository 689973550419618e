// Draws ImGui's draw data with WebGL 2 (OpenGL ES 3.0). It owns every GL state it uses, because
// nothing else draws on the canvas: unlike ImGui's own backend it never reads GL state back, which
// in a browser is a blocking round trip to the GPU process (tens of ms each with a software GPU).
#pragma once
#include <GLES3/gl3.h>
#include <imgui.h>

#include <vector>

namespace parley::web {

class GlRenderer {
 public:
  // Starts compiling the shaders; the browser's GPU process does it while the font atlas is built.
  // Needs a current context.
  void compile_shaders();
  // Checks the shaders linked, makes the buffers and uploads ImGui's font atlas as RGBA into a texture
  // `texture_height` rows tall (the rows below the atlas are for glyphs drawn later, see upload).
  bool finish_setup(int texture_height);
  // Replaces a rectangle of the atlas texture with RGBA pixels (rows of `width`, top first).
  void upload(int x, int y, int width, int height, const unsigned char* rgba);
  void render(const ImDrawData* data, int framebuffer_width, int framebuffer_height);

 private:
  GLuint program_ = 0, vao_ = 0, vertices_ = 0, indices_ = 0, font_ = 0;
  GLint projection_ = -1, texture_ = -1;
  int texture_width_ = 0, texture_height_ = 0;
  // Every draw list of a frame goes up in one buffer of each kind (each upload costs a call into the
  // browser's GL): the lists' vertices one after another, their indices rebased to 32 bits.
  std::vector<ImDrawVert> frame_vertices_;
  std::vector<GLuint> frame_indices_;
};

}  // namespace parley::web
