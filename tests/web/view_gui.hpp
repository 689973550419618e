// ViewGui: an ImGui context with a built font atlas and no renderer that draws an App's frames for the
// native view tests, with clicks, typed text and keys arriving as the page hands them over.
#pragma once

#include <doctest/doctest.h>
#include <imgui.h>

#include <string>

#include "app.hpp"

namespace parley::web {

struct GuiOptions {
  ImVec2 size = ImVec2(1280, 720);
  bool keyboard_nav = true;
  // true: a person's click, the pointer resting on the widget for two frames before the press (table
  // headers, which allow overlap, need the hover of the frame before); false: move, press and release
  // all arrive before one frame, as from a browser test.
  bool pointer_rests = false;
  int frames_after_typing = 1;
};

class ViewGui {
 public:
  explicit ViewGui(const GuiOptions& options = {}) : options_(options) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = options.size;
    io.IniFilename = nullptr;
    if (options.keyboard_nav) io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~ViewGui() { ImGui::DestroyContext(); }
  ViewGui(const ViewGui&) = delete;
  ViewGui& operator=(const ViewGui&) = delete;

  void frame(App& app, int count = 1) {
    for (int i = 0; i < count; ++i) {
      ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
      ImGui::NewFrame();
      app.frame();
      ImGui::Render();
    }
  }
  void click(App& app, const std::string& widget) {
    const WidgetRect* r = app.ui().widgets.find(widget);
    REQUIRE_MESSAGE(r != nullptr, "no widget " << widget);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
    if (options_.pointer_rests) frame(app, 2);
    io.AddMouseButtonEvent(0, true);
    io.AddMouseButtonEvent(0, false);
    frame(app, 4);
  }
  void type(App& app, const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    frame(app, options_.frames_after_typing);
  }
  // A key with a modifier held around it (ImGuiKey_None: none).
  void press(App& app, ImGuiKey key, ImGuiKey modifier = ImGuiKey_None) {
    ImGuiIO& io = ImGui::GetIO();
    if (modifier != ImGuiKey_None) io.AddKeyEvent(modifier, true);
    io.AddKeyEvent(key, true);
    frame(app);
    io.AddKeyEvent(key, false);
    if (modifier != ImGuiKey_None) io.AddKeyEvent(modifier, false);
    frame(app, 4);
  }

 private:
  GuiOptions options_;
};

}  // namespace parley::web
