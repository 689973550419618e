// The ImGui renderer: one shader, one vertex array, one upload per frame; per command a scissor and a draw.
#include "gl_renderer.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace parley::web {

namespace {

constexpr const char* kVertexShader = R"(#version 300 es
layout (location = 0) in vec2 position;
layout (location = 1) in vec2 uv;
layout (location = 2) in vec4 color;
uniform mat4 projection;
out vec2 frag_uv;
out vec4 frag_color;
void main() {
  frag_uv = uv;
  frag_color = color;
  gl_Position = projection * vec4(position, 0.0, 1.0);
})";

constexpr const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D atlas;
in vec2 frag_uv;
in vec4 frag_color;
out vec4 out_color;
void main() { out_color = frag_color * texture(atlas, frag_uv); })";

GLuint compile(GLenum kind, const char* source) {
  const GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

}  // namespace

void GlRenderer::compile_shaders() {
  const GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader), fs = compile(GL_FRAGMENT_SHADER, kFragmentShader);
  program_ = glCreateProgram();
  glAttachShader(program_, vs);
  glAttachShader(program_, fs);
  glLinkProgram(program_);
  glDeleteShader(vs);
  glDeleteShader(fs);
  glFlush();  // the GPU process compiles while the caller goes on
}

bool GlRenderer::finish_setup(int texture_height) {
  GLint linked = 0;
  glGetProgramiv(program_, GL_LINK_STATUS, &linked);  // the first call that waits for the GPU process
  if (!linked) return false;
  projection_ = glGetUniformLocation(program_, "projection");
  texture_ = glGetUniformLocation(program_, "atlas");

  glGenVertexArrays(1, &vao_);
  glGenBuffers(1, &vertices_);
  glGenBuffers(1, &indices_);
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vertices_);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, indices_);
  const auto offset = [](std::size_t bytes) { return reinterpret_cast<const void*>(bytes); };
  glEnableVertexAttribArray(0);
  glEnableVertexAttribArray(1);
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, col)));

  ImGuiIO& io = ImGui::GetIO();
  // The restored atlas's pixels as they are: asking ImGui for them would link its font rasterizer.
  const unsigned char* pixels = io.Fonts->TexPixelsAlpha8;
  const int width = io.Fonts->TexWidth, height = io.Fonts->TexHeight;
  // RGBA: browser-drawn glyphs (colour emoji) join the baked coverage, which goes up as white + alpha.
  std::vector<unsigned char> rgba(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 255);
  for (std::size_t i = 0, n = static_cast<std::size_t>(width) * static_cast<std::size_t>(height); i < n; ++i)
    rgba[i * 4 + 3] = pixels[i];
  texture_width_ = width;
  texture_height_ = std::max(height, texture_height);
  glGenTextures(1, &font_);
  glBindTexture(GL_TEXTURE_2D, font_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, texture_height_, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  const std::vector<unsigned char> clear(static_cast<std::size_t>(width) * 4 * 2, 0);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, height, width, std::min(2, texture_height_ - height), GL_RGBA, GL_UNSIGNED_BYTE,
                  clear.data());  // the transparent rows the glyph stand-ins sample
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  io.Fonts->SetTexID(static_cast<ImTextureID>(reinterpret_cast<void*>(static_cast<std::uintptr_t>(font_))));
  io.Fonts->ClearTexData();  // the GPU holds the atlas now
  io.BackendRendererName = "parley_webgl2";
  return true;
}

void GlRenderer::upload(int x, int y, int width, int height, const unsigned char* rgba) {
  if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > texture_width_ || y + height > texture_height_) return;
  glBindTexture(GL_TEXTURE_2D, font_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
}

void GlRenderer::render(const ImDrawData* data, int fb_width, int fb_height) {
  if (!data || fb_width <= 0 || fb_height <= 0) return;
  glViewport(0, 0, fb_width, fb_height);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  glUseProgram(program_);
  const float l = data->DisplayPos.x, r = l + data->DisplaySize.x;
  const float t = data->DisplayPos.y, b = t + data->DisplaySize.y;
  const float projection[16] = {2.0f / (r - l), 0, 0, 0, 0, 2.0f / (t - b), 0, 0, 0, 0, -1, 0,
                                (r + l) / (l - r), (t + b) / (b - t), 0, 1};
  glUniformMatrix4fv(projection_, 1, GL_FALSE, projection);
  glUniform1i(texture_, 0);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(vao_);
  frame_vertices_.clear();
  frame_indices_.clear();
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    const auto base = static_cast<GLuint>(frame_vertices_.size());
    frame_vertices_.insert(frame_vertices_.end(), list->VtxBuffer.begin(), list->VtxBuffer.end());
    for (const ImDrawIdx index : list->IdxBuffer) frame_indices_.push_back(base + index);
  }
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(frame_vertices_.size() * sizeof(ImDrawVert)),
               frame_vertices_.data(), GL_STREAM_DRAW);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(frame_indices_.size() * sizeof(GLuint)),
               frame_indices_.data(), GL_STREAM_DRAW);
  const ImVec2 scale = data->FramebufferScale;
  std::size_t first_index = 0;  // of the current list in frame_indices_
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      const float x0 = (cmd.ClipRect.x - l) * scale.x, y0 = (cmd.ClipRect.y - t) * scale.y;
      const float x1 = (cmd.ClipRect.z - l) * scale.x, y1 = (cmd.ClipRect.w - t) * scale.y;
      if (x1 <= x0 || y1 <= y0) continue;
      glScissor(static_cast<GLint>(x0), static_cast<GLint>(static_cast<float>(fb_height) - y1),
                static_cast<GLsizei>(x1 - x0), static_cast<GLsizei>(y1 - y0));
      glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(cmd.GetTexID())));
      const std::size_t offset = (first_index + cmd.IdxOffset) * sizeof(GLuint);
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), GL_UNSIGNED_INT,
                     reinterpret_cast<const void*>(offset));
    }
    first_index += static_cast<std::size_t>(list->IdxBuffer.Size);
  }
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace parley::web
