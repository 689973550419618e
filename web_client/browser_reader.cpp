// EM_JS glue to window.parleyReader; the reading view's content is reader_json (web_client/reader).
#ifdef __EMSCRIPTEN__
#include "browser_reader.hpp"

#include <emscripten.h>

#include "overlay_holes.hpp"
#include "reader.hpp"

namespace {
parley::web::App* g_reader_app = nullptr;
parley::ChatIx shown_chat = parley::kNoIndex;
std::size_t shown_messages = 0, shown_files = 0;
}  // namespace

// clang-format off
EM_JS(void, js_reader_init, (), {
  if (window.parleyReader) window.parleyReader.setHooks({ close: function() { Module.parleyActive = true; _parley_reader_close(); } });
});

EM_JS(void, js_reader_show, (float x, float y, float w, float h, float display_width, int covered, const char* json,
                             int page, const char* token, const char* holes), {
  if (window.parleyReader)
    window.parleyReader.show(x, y, w, h, display_width, !!covered, json ? UTF8ToString(json) : "", !!page,
                             UTF8ToString(token), UTF8ToString(holes));
});

EM_JS(void, js_reader_hide, (), { if (window.parleyReader) window.parleyReader.hide(); });

EM_JS(void, js_open_link, (const char* url), {
  if (window.parleyReader) window.parleyReader.open(UTF8ToString(url));
});
// clang-format on

namespace parley::web {

void sync_reader(App& app, float display_width) {
  if (!g_reader_app) {
    g_reader_app = &app;
    js_reader_init();
  }
  UiState& ui = app.ui();
  if (!ui.open_link.empty()) {
    js_open_link(ui.open_link.c_str());
    ui.open_link.clear();
  }
  UiState::ReaderBox& box = ui.reader_box;
  if (!box.shown || !app.state().chats.contains(box.chat)) {
    if (shown_chat != kNoIndex) js_reader_hide();
    shown_chat = kNoIndex;
    box.shown = false;
    return;
  }
  std::string json;
  if (box.chat != shown_chat || box.messages != shown_messages || box.files != shown_files) {
    const Chat& chat = app.state().chats[box.chat];
    json = reader_json(app.state(), chat, app.agent_id()).dump();
    shown_chat = box.chat;
    shown_messages = box.messages;
    shown_files = box.files;
  }
  const std::string holes = holes_text(windows_over(box.host, WidgetRect{box.x, box.y, box.w, box.h}));
  js_reader_show(box.x, box.y, box.w, box.h, display_width, box.covered, json.empty() ? nullptr : json.c_str(),
                 app.mode() == Mode::demo, app.token().c_str(), holes.c_str());
  box.shown = false;
}

}  // namespace parley::web

extern "C" {
EMSCRIPTEN_KEEPALIVE void parley_reader_close() {
  if (g_reader_app) g_reader_app->ui().reader_open = false;
}
}
#endif
