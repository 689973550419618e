// EM_JS glue for the reports: WebHost's get_report/download/save_text, and the tables' mirror.
#ifdef __EMSCRIPTEN__
#include "browser_reports.hpp"

#include <emscripten.h>

#include "net.hpp"

namespace {

parley::web::App* g_reports_app = nullptr;
std::string mirrored;  // the JSON the page was last given

}  // namespace

// clang-format off
EM_JS(void, js_get_report, (double request, const char* token, const char* route), {
  Module.parleyNet.call('GET', UTF8ToString(route), UTF8ToString(token), null,
                        function(status, p) { _parley_on_report(request, status, p); });
});

// Saves a Blob under a file name through a temporary link; the object URL is let go a minute later.
EM_JS(void, js_reports_init, (), {
  Module.parleySaveBlob = function(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
  };
});

EM_JS(void, js_download, (const char* token, const char* route, const char* name), {
  var fileName = UTF8ToString(name);
  var fail = function(status, body) {
    Module.parleyActive = true;
    Module.parleyStr(body, function(p) { _parley_on_report(0, status, p); });
  };
  fetch(UTF8ToString(route), { headers: { 'Authorization': 'Bearer ' + UTF8ToString(token) } })
    .then(function(r) {
      return r.ok ? r.blob().then(function(b) { Module.parleySaveBlob(b, fileName); })
                  : r.text().then(function(t) { fail(r.status, t); });
    })
    .catch(function() { fail(0, ""); });
});

EM_JS(void, js_save_text, (const char* name, const char* type, const char* text), {
  Module.parleySaveBlob(new Blob([UTF8ToString(text)], { type: UTF8ToString(type) }), UTF8ToString(name));
});

EM_JS(void, js_report_mirror, (const char* json), {
  if (window.parleyA11y && window.parleyA11y.reports) window.parleyA11y.reports(UTF8ToString(json));
});
// clang-format on

namespace parley::web {

namespace {
void init_once() {
  static bool done = false;
  if (done) return;
  done = true;
  js_reports_init();
}
}  // namespace

void WebHost::get_report(std::uint64_t request, const std::string& token, const std::string& route) {
  js_get_report(static_cast<double>(request), token.c_str(), route.c_str());
}

void WebHost::download(const std::string& token, const std::string& route, const std::string& name) {
  init_once();
  js_download(token.c_str(), route.c_str(), name.c_str());
}

void WebHost::save_text(const std::string& name, const std::string& type, const std::string& text) {
  init_once();
  js_save_text(name.c_str(), type.c_str(), text.c_str());
}

void sync_report_mirror(App& app) {
  g_reports_app = &app;
  const ReportsUi& reports = app.ui().reports;
  static std::uint64_t version = ~0ull;
  static bool open = false;
  static ReportsStatus status = ReportsStatus::none;
  if (reports.version == version && reports.open == open && reports.status == status) return;
  version = reports.version;
  open = reports.open;
  status = reports.status;
  std::string json = reports_mirror(reports).dump();
  if (json == mirrored) return;
  mirrored = std::move(json);
  js_report_mirror(mirrored.c_str());
}

}  // namespace parley::web

extern "C" {
// A report's answer, or (request 0) a download that failed.
EMSCRIPTEN_KEEPALIVE void parley_on_report(double request, int status, const char* body) {
  if (g_reports_app) g_reports_app->on_report_reply(static_cast<std::uint64_t>(request), status, body);
}
}
#endif
