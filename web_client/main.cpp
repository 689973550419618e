// parley-web: GLFW + WebGL2 + Dear ImGui in the browser, driven by emscripten's main loop. A frame is
// drawn only when something happened (input, network, State change) or a timer display is due
// (once a second; faster while the demo clock runs fast), so an idle tab costs nearly nothing.
#include <emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/html5.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app.hpp"
#include "browser_attention.hpp"
#include "browser_reader.hpp"
#include "browser_text_input.hpp"
#include "frame_stats.hpp"
#include "gl_renderer.hpp"
#include "font_atlas.hpp"
#include "net.hpp"

namespace {

struct Runtime {
  GLFWwindow* window = nullptr;
  parley::web::WebHost* host = nullptr;
  parley::web::App* app = nullptr;
  double last_draw = 0;
  int frames_left = 3;  // ImGui settles hover/focus over a couple of frames after a change
  int width = 0, height = 0;  // canvas size in CSS pixels (= its drawing-buffer size)
  std::string snapshot;
};

Runtime runtime;
parley::web::GlRenderer renderer;
parley::web::FrameStats frame_stats;

// ?demo=big in the page address: start the big demo desk (Demo::create_big) for measuring.
EM_JS(int, js_wants_big_demo, (), { return new URLSearchParams(location.search).get('demo') === 'big' ? 1 : 0; });

// Text input goes through a hidden <textarea> (index.html) rather than GLFW's keypress events, so
// that pasting, IME composition, dead keys and synthetic input (insertText) reach ImGui. Keys
// (Enter, arrows, Backspace, shortcuts) still come from GLFW's keydown/keyup.
EM_JS(void, js_text_init, (), {
  var ta = document.getElementById('text-input');
  Module.parleyText = ta;
  if (!ta) return;
  var send = function() {
    var value = ta.value, text = "";
    for (var i = 0; i < value.length; ++i) {
      var c = value.charCodeAt(i);
      if (c !== 10 && c !== 13) text += value.charAt(i);  // Enter arrives as a key
    }
    ta.value = "";
    Module.parleyActive = true;
    if (text) Module.parleyStr(text, function(p) { _parley_text_input(p); });
  };
  ta.addEventListener('input', function(e) { if (!e.isComposing) send(); });
  ta.addEventListener('compositionend', send);
  var keep = function(e) { e.preventDefault(); };  // a click on the canvas must not take the focus away
  Module.canvas.addEventListener('mousedown', keep);
});

EM_JS(void, js_text_focus, (int want, int x, int y), {
  var ta = Module.parleyText;
  if (!ta) return;
  ta.style.left = x + 'px';
  ta.style.top = y + 'px';
  if (want && document.activeElement !== ta) ta.focus({ preventScroll: true });
  if (!want && document.activeElement === ta) ta.blur();
});

EM_JS(void, js_clipboard_write, (const char* text), {
  try { navigator.clipboard.writeText(UTF8ToString(text)).catch(function() {}); } catch (e) {}
});

void set_clipboard(void*, const char* text) { js_clipboard_write(text); }
const char* get_clipboard(void*) { return "";  // pasting arrives as text input through the textarea
}

ImVec2 ime_position;
void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) {
  if (data->WantVisible) ime_position = data->InputPos;
}

// The font atlas baked at build time (font_atlas.hpp); ImGui's own font if it is missing.
void load_fonts() {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  std::string baked;
  if (std::FILE* in = std::fopen("/fonts/workspace.atlas", "rb")) {
    char block[65536];
    for (std::size_t n; (n = std::fread(block, 1, sizeof block, in)) > 0;) baked.append(block, n);
    std::fclose(in);
  }
  if (!parley::web::restore_font_atlas(atlas, baked)) atlas.AddFontDefault();
}

void style() {
  ImGui::StyleColorsDark();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 0;
  s.ChildRounding = 4;
  s.FrameRounding = 4;
  s.PopupRounding = 4;
  s.TabRounding = 4;
  s.GrabRounding = 4;
  s.WindowBorderSize = 0;
  s.ItemSpacing = ImVec2(8, 6);
  s.FramePadding = ImVec2(8, 4);
}

// Keeps the canvas drawing buffer at its CSS size. Done here rather than with glfwSetWindowSize:
// emscripten's GLFW asks for fullscreen when the size equals the screen's (as in headless browsers).
bool fit_canvas(Runtime& r) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const int w = std::max(1, static_cast<int>(css_w)), h = std::max(1, static_cast<int>(css_h));
  if (w == r.width && h == r.height) return false;
  r.width = w;
  r.height = h;
  int canvas_w = 0, canvas_h = 0;
  emscripten_get_canvas_element_size("#canvas", &canvas_w, &canvas_h);
  if (canvas_w != w || canvas_h != h) emscripten_set_canvas_element_size("#canvas", w, h);  // resizing reallocates
  return true;
}

void frame() {
  Runtime& r = runtime;
  frame_stats.loop();
  glfwPollEvents();
  if (fit_canvas(r)) r.frames_left = std::max(r.frames_left, 3);
  const double wall = static_cast<double>(r.host->wall_ms());
  if (r.host->take_activity() || r.app->has_pending_work()) r.frames_left = std::max(r.frames_left, 4);
  const bool due = wall - r.last_draw >= static_cast<double>(r.app->redraw_interval());
  if (r.frames_left == 0 && !due) return;
  if (r.frames_left > 0) --r.frames_left;
  r.last_draw = wall;
  const double started = emscripten_get_now();

  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(r.width), static_cast<float>(r.height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  ImGui::NewFrame();
  bool changed = r.app->update();
  r.app->draw();
  changed = r.app->flush() || changed;
  parley::web::sync_text_input(r.app->ui(), io.DisplaySize.x);
  parley::web::deliver_attention(r.app->ui());
  parley::web::sync_reader(*r.app, io.DisplaySize.x);
  ImGui::Render();
  const double app_done = emscripten_get_now();
  // Input ImGui has not consumed yet (it trickles one click or key per frame), or a change whose
  // effect shows only in the next layout: keep drawing a few more frames.
  if (changed || !ImGui::GetCurrentContext()->InputEventsQueue.empty()) r.frames_left = std::max(r.frames_left, 3);
  js_text_focus(io.WantTextInput ? 1 : 0, static_cast<int>(ime_position.x), static_cast<int>(ime_position.y));
  glViewport(0, 0, r.width, r.height);
  glClearColor(0.09f, 0.09f, 0.11f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  renderer.render(ImGui::GetDrawData(), r.width, r.height);
  frame_stats.drawn(started, emscripten_get_now() - started, app_done - started);
}

}  // namespace

extern "C" {
// window.parley.snapshot(): the test hook's JSON (valid until the next call).
EMSCRIPTEN_KEEPALIVE const char* parley_snapshot() {
  if (!runtime.app) return "null";
  runtime.snapshot = runtime.app->snapshot().dump();
  return runtime.snapshot.c_str();
}
// Text typed, pasted or composed in the page (see js_text_init).
EMSCRIPTEN_KEEPALIVE void parley_text_input(const char* text) {
  if (runtime.app) ImGui::GetIO().AddInputCharactersUTF8(text);
}
// window.parley.frameTimes(reset): the main loop's frame timings (FrameStats::take).
EMSCRIPTEN_KEEPALIVE const char* parley_frame_times(int reset) {
  runtime.snapshot = frame_stats.take(reset != 0, emscripten_get_heap_size()).dump();
  return runtime.snapshot.c_str();
}
// Called when the page is hidden or closing: saves the demo now.
EMSCRIPTEN_KEEPALIVE void parley_flush() {
  if (runtime.app) runtime.app->persist();
}
}

int main() {
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);  // as index.html created the context: colour only
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  double css_w = 1280, css_h = 720;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  runtime.window = glfwCreateWindow(std::max(1, static_cast<int>(css_w)), std::max(1, static_cast<int>(css_h)), "Parley",
                                    nullptr, nullptr);
  if (!runtime.window) return 1;
  glfwMakeContextCurrent(runtime.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigInputTextCursorBlink = false;
  style();
  renderer.compile_shaders();
  load_fonts();
  ImGui_ImplGlfw_InitForOpenGL(runtime.window, true);
  if (!renderer.finish_setup()) return 1;
  glfwSetCharCallback(runtime.window, nullptr);  // characters come from the textarea instead
  io.SetClipboardTextFn = set_clipboard;
  io.GetClipboardTextFn = get_clipboard;
  io.SetPlatformImeDataFn = set_ime_data;

  runtime.host = new parley::web::WebHost();
  js_text_init();
  runtime.app = new parley::web::App(*runtime.host);
  parley::web::init_text_input(*runtime.app);
  runtime.host->attach(runtime.app);
  fit_canvas(runtime);
  if (js_wants_big_demo()) runtime.app->start_big_demo();
  else runtime.app->start();
  EM_ASM({
    if (Module.onParleyReady) Module.onParleyReady();
  });
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
