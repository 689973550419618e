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
#include <cmath>
#include <cstdio>
#include <string>

#include "app.hpp"
#include "browser_a11y.hpp"
#include "browser_attention.hpp"
#include "browser_reader.hpp"
#include "browser_reports.hpp"
#include "browser_text_input.hpp"
#include "emoji_catalog.hpp"
#include "frame_stats.hpp"
#include "gl_renderer.hpp"
#include "layout_watch.hpp"
#include "font_atlas.hpp"
#include "emoji_sequences.hpp"
#include "glyph_cache.hpp"
#include "glyph_raster.hpp"
#include "net.hpp"
#include "theme.hpp"
#include "views/message_bubble.hpp"

namespace {

struct Runtime {
  GLFWwindow* window = nullptr;
  parley::web::WebHost* host = nullptr;
  parley::web::App* app = nullptr;
  double last_draw = 0;
  int frames_left = 3;  // ImGui settles hover/focus over a couple of frames after a change
  int width = 0, height = 0;        // canvas size in CSS pixels
  int fb_width = 0, fb_height = 0;  // its drawing buffer: CSS size × device pixel ratio
  double ratio = 1;                 // device pixels per CSS pixel (browser zoom changes it)
  bool dark = false;                // the theme last saved
  parley::web::LayoutWatch layout;
  bool settled = false;  // the last frame left nothing to draw and its layout stood still
  std::string snapshot;
};

// At most this many ImGui frames per drawn frame while queued input remains (see frame()).
constexpr int kInputPasses = 12;

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

// The workspace's shortcut keys (views/shortcuts.cpp) are not the browser's: Ctrl+K would go to the
// address bar, F1 to the browser's help, Alt+letter to a menu on some systems.
EM_JS(void, js_claim_shortcut_keys, (), {
  window.addEventListener('keydown', function(e) {
    var alt = e.altKey && !e.ctrlKey && !e.metaKey && /^(Key[ACOPRSTZ]|ArrowUp|ArrowDown)$/.test(e.code || "");
    var ctrl = (e.ctrlKey || e.metaKey) && !e.altKey && (e.code === 'KeyK' || e.code === 'Slash');
    if (alt || ctrl || e.key === 'F1') e.preventDefault();
  });
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

// The font atlas baked at build time (font_atlas.hpp); false if it is missing or damaged. The app
// carries no font rasterizer of its own: the atlas comes with the site.
bool load_fonts() {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  std::string baked;
  if (std::FILE* in = std::fopen("/fonts/workspace.atlas", "rb")) {
    char block[65536];
    for (std::size_t n; (n = std::fread(block, 1, sizeof block, in)) > 0;) baked.append(block, n);
    std::fclose(in);
  }
  return parley::web::restore_font_atlas(atlas, baked);
}

// The theme saved in the browser (1 dark, 0 light; unset: the system's preference) and saving it.
EM_JS(int, js_theme_load, (), {
  try {
    var saved = localStorage.getItem('parley.theme');
    if (saved) return saved === 'dark' ? 1 : 0;
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0;
  } catch (e) { return 0; }
});
EM_JS(void, js_theme_save, (int dark), {
  try { localStorage.setItem('parley.theme', dark ? 'dark' : 'light'); } catch (e) {}
});

// Emscripten's GLFW reports the pointer in drawing-buffer pixels; ImGui works in CSS pixels.
EM_JS(void, js_pointer_in_css_pixels, (), {
  var calculate = Browser.calculateMouseEvent;
  Browser.calculateMouseEvent = function(event) {
    calculate(event);
    var canvas = Module.canvas, rect = canvas.getBoundingClientRect();
    if (Browser.pointerLock || !canvas.width || !canvas.height) return;
    Browser.mouseX *= rect.width / canvas.width;
    Browser.mouseY *= rect.height / canvas.height;
  };
});

// The emoji picker's data, preloaded with the font atlas.
void load_emoji() {
  std::string tsv;
  if (std::FILE* in = std::fopen("/emoji/emoji.tsv", "rb")) {
    char block[65536];
    for (std::size_t n; (n = std::fread(block, 1, sizeof block, in)) > 0;) tsv.append(block, n);
    std::fclose(in);
  }
  parley::web::emoji_catalog().load(tsv);
}

// Keeps the canvas drawing buffer at its CSS size × the device pixel ratio, and the glyphs drawn at
// that ratio. Done here rather than with glfwSetWindowSize: emscripten's GLFW asks for fullscreen
// when the size equals the screen's (as in headless browsers).
bool fit_canvas(Runtime& r) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double ratio = std::clamp(emscripten_get_device_pixel_ratio(), 0.5, 4.0);
  const int w = std::max(1, static_cast<int>(css_w)), h = std::max(1, static_cast<int>(css_h));
  const int fb_w = std::max(1, static_cast<int>(std::lround(css_w * ratio)));
  const int fb_h = std::max(1, static_cast<int>(std::lround(css_h * ratio)));
  if (w == r.width && h == r.height && fb_w == r.fb_width && fb_h == r.fb_height && ratio == r.ratio) return false;
  r.width = w;
  r.height = h;
  r.fb_width = fb_w;
  r.fb_height = fb_h;
  r.ratio = ratio;
  parley::web::glyph_cache().set_scale(static_cast<float>(ratio));
  int canvas_w = 0, canvas_h = 0;
  emscripten_get_canvas_element_size("#canvas", &canvas_w, &canvas_h);
  if (canvas_w != fb_w || canvas_h != fb_h) emscripten_set_canvas_element_size("#canvas", fb_w, fb_h);  // reallocates
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

  ImGuiIO& io = ImGui::GetIO();
  bool changed = false;
  // ImGui takes queued input a step per frame (one click or key change each, so a press and a release
  // between two frames are both seen); typing costs it two or three frames a character. Frames without
  // drawing take what is left now, so a click never waits behind typed text for slow frames to come.
  for (int pass = 1;; ++pass) {
    ImGui_ImplGlfw_NewFrame();
    io.DisplaySize = ImVec2(static_cast<float>(r.width), static_cast<float>(r.height));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(r.fb_width) / static_cast<float>(r.width),
                                        static_cast<float>(r.fb_height) / static_cast<float>(r.height));
    ImGui::NewFrame();
    changed = r.app->update() || changed;
    r.app->draw();
    changed = r.app->flush() || changed;
    if (pass == kInputPasses || ImGui::GetCurrentContext()->InputEventsQueue.empty()) break;
    ImGui::EndFrame();
  }
  parley::web::sync_text_input(r.app->ui(), io.DisplaySize.x);
  parley::web::deliver_attention(r.app->ui());
  parley::web::sync_reader(*r.app, io.DisplaySize.x);
  parley::web::sync_a11y(*r.app);
  parley::web::sync_report_mirror(*r.app);
  ImGui::Render();
  const double app_done = emscripten_get_now();
  // Input ImGui has not consumed yet (it trickles one click or key per frame), or a change whose
  // effect shows only in the next layout: keep drawing a few more frames.
  if (changed || !ImGui::GetCurrentContext()->InputEventsQueue.empty()) r.frames_left = std::max(r.frames_left, 3);
  // Tables fit their columns to the content of the frame before: draw until the layout stands still.
  const bool moving = r.layout.still_moving();
  if (moving) r.frames_left = std::max(r.frames_left, 1);
  js_text_focus(io.WantTextInput ? 1 : 0, static_cast<int>(ime_position.x), static_cast<int>(ime_position.y));
  // Glyphs drawn as stand-ins or asked for by the views: drawn by the browser now, shown next frame.
  parley::web::GlyphCache& glyphs = parley::web::glyph_cache();
  glyphs.want_drawn(ImGui::GetDrawData());
  if (parley::web::raster_wanted_glyphs(glyphs, renderer, 400) > 0 || glyphs.has_wants())
    r.frames_left = std::max(r.frames_left, 2);
  r.settled = !moving && r.frames_left == 0;
  if (parley::web::theme().dark != r.dark) {
    r.dark = parley::web::theme().dark;
    js_theme_save(r.dark ? 1 : 0);
  }
  glViewport(0, 0, r.fb_width, r.fb_height);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  renderer.render(ImGui::GetDrawData(), r.fb_width, r.fb_height);
  frame_stats.drawn(started, emscripten_get_now() - started, app_done - started);
}

}  // namespace

extern "C" {
// window.parley.snapshot(): the test hook's JSON (valid until the next call).
EMSCRIPTEN_KEEPALIVE const char* parley_snapshot() {
  if (!runtime.app) return "null";
  parley::Json snapshot = runtime.app->snapshot();
  const parley::web::GlyphStats g = parley::web::glyph_cache().stats();
  const parley::web::BubbleCoverage& shown = parley::web::bubble_coverage();
  const bool recent = shown.frame >= ImGui::GetFrameCount() - 1;
  snapshot["glyphs"] = {{"added", g.added}, {"wanted", g.wanted}, {"failed", g.failed}, {"resets", g.resets},
                        {"rows_used", g.rows_used}, {"rows", g.rows},
                        {"bubbles", recent ? shown.bubbles : 0}, {"missing", recent ? shown.missing : 0},
                        {"sequences", parley::web::emoji_sequences().size()}};
  snapshot["display"] = {{"css_width", runtime.width}, {"css_height", runtime.height},
                         {"buffer_width", runtime.fb_width}, {"buffer_height", runtime.fb_height},
                         {"ratio", runtime.ratio}, {"settled", runtime.settled}};
  snapshot["theme"] = parley::web::theme().name;
  runtime.snapshot = snapshot.dump();
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
  runtime.dark = js_theme_load() != 0;
  parley::web::use_theme(runtime.dark);
  renderer.compile_shaders();
  if (!load_fonts()) return 1;
  parley::web::GlyphCache& glyphs = parley::web::glyph_cache();
  glyphs.attach(*io.Fonts, 1536);
  ImGui_ImplGlfw_InitForOpenGL(runtime.window, true);
  js_pointer_in_css_pixels();
  if (!renderer.finish_setup(glyphs.attached() ? glyphs.texture_height() : 0)) return 1;
  load_emoji();
  glfwSetCharCallback(runtime.window, nullptr);  // characters come from the textarea instead
  io.SetClipboardTextFn = set_clipboard;
  io.GetClipboardTextFn = get_clipboard;
  io.SetPlatformImeDataFn = set_ime_data;

  runtime.host = new parley::web::WebHost();
  js_text_init();
  js_claim_shortcut_keys();
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
