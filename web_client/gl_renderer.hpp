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
  // Compiles the shaders, makes the buffers and uploads ImGui's font atlas. Needs a current context.
  bool init();
  void render(const ImDrawData* data, int framebuffer_width, int framebuffer_height);

 private:
  GLuint program_ = 0, vao_ = 0, vertices_ = 0, indices_ = 0, font_ = 0;
  GLint projection_ = -1, texture_ = -1;
  // Every draw list of a frame goes up in one buffer of each kind (each upload costs a call into the
  // browser's GL): the lists' vertices one after another, their indices rebased to 32 bits.
  std::vector<ImDrawVert> frame_vertices_;
  std::vector<GLuint> frame_indices_;
};

}  // namespace parley::web
