// EM_JS glue to window.parleyA11y; what it shows and says is decided by a11y_mirror.
#ifdef __EMSCRIPTEN__
#include "browser_a11y.hpp"

#include <emscripten.h>

#include "a11y_mirror.hpp"
#include "views/chat_list.hpp"

namespace {
parley::web::App* g_a11y_app = nullptr;
parley::web::MirrorCache mirror;
parley::web::AnnounceWatch watch;
}  // namespace

// clang-format off
EM_JS(void, js_a11y_init, (), {
  if (window.parleyA11y)
    window.parleyA11y.setHooks({ select: function(id) {
      Module.parleyActive = true;
      Module.parleyStr(id, function(p) { _parley_a11y_select(p); });
    } });
});
EM_JS(void, js_a11y_mirror, (const char* json), {
  if (window.parleyA11y) window.parleyA11y.mirror(UTF8ToString(json));
});
EM_JS(void, js_a11y_announce, (const char* text), {
  if (window.parleyA11y) window.parleyA11y.announce(UTF8ToString(text));
});
// clang-format on

namespace parley::web {

void sync_a11y(App& app) {
  if (!g_a11y_app) {
    g_a11y_app = &app;
    js_a11y_init();
  }
  const bool working = app.screen() == Screen::workspace;
  const AgentIx agent = working ? app.state().agent_ix(app.agent_id()) : AgentIx{kNoIndex};
  const UiState& ui = app.ui();
  std::string said;
  for (const std::string& sentence : announcements(watch, app.state(), agent, ui.current_chat))
    said += (said.empty() ? "" : " ") + sentence;
  if (!said.empty()) js_a11y_announce(said.c_str());
  const auto wall = static_cast<Timestamp>(emscripten_get_now());
  if (mirror.refresh(app.state(), agent, ui.tab, ui.current_chat, wall)) js_a11y_mirror(mirror.json.c_str());
}

}  // namespace parley::web

extern "C" {
// A session button of the mirror was activated.
EMSCRIPTEN_KEEPALIVE void parley_a11y_select(const char* id) {
  if (!g_a11y_app || !id) return;
  parley::web::UiState& ui = g_a11y_app->ui();
  parley::web::open_chat(ui, id);
  ui.board.open = false;
}
}
#endif
