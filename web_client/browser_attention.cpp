// EM_JS glue to window.parleyAttention (assets/web/attention.js); a page without it ignores the calls.
#ifdef __EMSCRIPTEN__
#include "browser_attention.hpp"

#include <emscripten.h>

// clang-format off
EM_JS(void, js_attention_alert, (const char* kind, const char* title, const char* body, const char* tag, int sound,
                                 int notify, int volume), {
  if (window.parleyAttention)
    window.parleyAttention.alert(UTF8ToString(kind), UTF8ToString(title), UTF8ToString(body), UTF8ToString(tag),
                                 !!sound, !!notify, volume);
});

EM_JS(void, js_attention_count, (int count), {
  if (window.parleyAttention) window.parleyAttention.setCount(count);
});

EM_JS(void, js_attention_want_notifications, (), {
  if (window.parleyAttention) window.parleyAttention.wantNotifications();
});
// clang-format on

namespace parley::web {

namespace {
int shown_count = -1;
bool notifications_wanted = false;

const char* kind_name(AlertKind kind) {
  switch (kind) {
    case AlertKind::waiting: return "waiting";
    case AlertKind::assigned: return "assigned";
    case AlertKind::reminder: return "reminder";
    case AlertKind::mention: return "mention";
    case AlertKind::sla_breach: return "sla_breach";
  }
  return "reminder";
}
}  // namespace

void deliver_attention(UiState& ui) {
  AttentionUi& a = ui.attention;
  const AttentionSettings& s = a.settings;
  for (const Alert& alert : a.alerts) {
    const std::string tag = alert.chat.empty() ? std::string("parley") : "parley-" + alert.chat;
    js_attention_alert(kind_name(alert.kind), alert.title.c_str(), alert.body.c_str(), tag.c_str(), s.sound, s.notify,
                       s.volume);
  }
  a.alerts.clear();
  if (a.count != shown_count) {
    shown_count = a.count;
    js_attention_count(a.count);
  }
  if (s.notify && !notifications_wanted) {
    notifications_wanted = true;
    js_attention_want_notifications();
  }
  if (!s.notify) notifications_wanted = false;
}

}  // namespace parley::web
#endif
