// EM_JS glue for WebHost and the exported callbacks the glue calls back into.
#ifdef __EMSCRIPTEN__
#include "net.hpp"

#include <emscripten.h>

#include <cstdlib>

namespace {

parley::web::App* g_app = nullptr;

// The SSE event names the server uses (`event: <type>`), comma-separated, from the core itself.
std::string event_type_list() {
  std::string list;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((list += (I ? "," : "") + std::string(parley::event_type(parley::EventBody(std::in_place_index<I>)))), ...);
  }(std::make_index_sequence<std::variant_size_v<parley::EventBody>>{});
  return list;
}

// The SSE event names of replica items and presence (no `id:`; the page hands them over with seq 0).
constexpr const char* kReplicaTypes =
    "replica.reset,sla_policy.snapshot,channel.snapshot,group.snapshot,agent.snapshot,chat.snapshot,chat.forget,presence";

}  // namespace

// clang-format off
EM_JS(void, js_net_init, (const char* types, const char* replica_types), {
  var net = { source: null, types: UTF8ToString(types).split(','), replica: UTF8ToString(replica_types).split(',') };
  Module.parleyNet = net;
  Module.parleyActive = true;
  Module.parleyStr = function(s, f) {
    var n = lengthBytesUTF8(s) + 1; var p = _malloc(n);
    stringToUTF8(s, p, n);
    try { f(p); } finally { _free(p); }
  };
  var poke = function() { Module.parleyActive = true; };
  ['mousemove', 'mousedown', 'mouseup', 'wheel', 'keydown', 'keyup', 'touchstart', 'touchmove', 'touchend',
   'resize', 'focus', 'blur', 'paste', 'visibilitychange'].forEach(function(t) { window.addEventListener(t, poke, true); });
  net.call = function(method, path, token, body, done) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers['Authorization'] = 'Bearer ' + token;
    var init = { method: method, headers: headers };
    if (body !== null) init.body = body;
    fetch(path, init)
      .then(function(r) { return r.text().then(function(t) { return [r.status, t]; }); })
      .catch(function() { return [0, ""]; })
      .then(function(x) { Module.parleyActive = true; Module.parleyStr(x[1], function(p) { done(x[0], p); }); });
  };
});

EM_JS(double, js_now, (), { return Date.now(); });

EM_JS(int, js_take_activity, (), {
  var active = Module.parleyActive ? 1 : 0;
  Module.parleyActive = false;
  return active;
});

EM_JS(void, js_sign_in, (const char* login, const char* password), {
  var body = JSON.stringify({ login: UTF8ToString(login), password: UTF8ToString(password) });
  Module.parleyNet.call('POST', 'api/v1/auth/login', null, body, function(status, p) { _parley_on_login(status, p); });
});

EM_JS(void, js_check_token, (const char* token), {
  Module.parleyNet.call('GET', 'api/v1/me', UTF8ToString(token), null, function(status, p) { _parley_on_me(status, p); });
});

EM_JS(void, js_sign_out, (const char* token), {
  Module.parleyNet.call('POST', 'api/v1/auth/logout', UTF8ToString(token), null, function(status, p) {});
});

EM_JS(void, js_post_command, (double request, const char* token, const char* body), {
  Module.parleyNet.call('POST', 'api/v1/commands', UTF8ToString(token), UTF8ToString(body),
                        function(status, p) { _parley_on_reply(request, status, p); });
});

EM_JS(void, js_open_stream, (const char* token, double after), {
  var net = Module.parleyNet;
  if (net.source) net.source.close();
  var url = 'api/v1/stream?access_token=' + encodeURIComponent(UTF8ToString(token)) + '&last_event_id=' + after;
  var es = new EventSource(url);
  net.source = es;
  var onEvent = function(e) {
    if (es !== net.source) return;
    Module.parleyActive = true;
    var seq = net.replica.indexOf(e.type) >= 0 ? 0 : (Number(e.lastEventId) || 0);
    Module.parleyStr(e.data, function(p) { _parley_on_event(seq, p); });
  };
  net.types.concat(net.replica).forEach(function(t) { es.addEventListener(t, onEvent); });
  es.onmessage = onEvent;
  es.onopen = function() { if (es !== net.source) return; Module.parleyActive = true; _parley_on_stream(0); };
  es.onerror = function() {
    if (es !== net.source) return;
    Module.parleyActive = true;
    if (es.readyState === 2) { es.close(); net.source = null; _parley_on_stream(2); } else { _parley_on_stream(1); }
  };
});

EM_JS(void, js_close_stream, (), {
  var net = Module.parleyNet;
  if (net.source) { net.source.close(); net.source = null; }
});

// Durable storage is window.parleyDurable (index.html: IndexedDB mirrored in memory), tab storage
// sessionStorage.
EM_JS(char*, js_storage_get, (int tab, const char* key), {
  try {
    var s = (tab ? window.sessionStorage : window.parleyDurable).getItem(UTF8ToString(key));
    if (s === null) return 0;
    var n = lengthBytesUTF8(s) + 1; var p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
  } catch (e) { return 0; }
});

EM_JS(void, js_storage_set, (int tab, const char* key, const char* value), {
  try { (tab ? window.sessionStorage : window.parleyDurable).setItem(UTF8ToString(key), UTF8ToString(value)); }
  catch (e) { console.warn('parley: cannot store ' + UTF8ToString(key) + ': ' + e); }
});

EM_JS(void, js_storage_remove, (int tab, const char* key), {
  try { (tab ? window.sessionStorage : window.parleyDurable).removeItem(UTF8ToString(key)); } catch (e) {}
});

// Composer files. Picked, pasted or dropped files go to the server as they are (fetch streams the
// File), or, in the demo (page = 1), stay in Module.parleyFiles for this page's life. Replies: 102 when
// an upload starts, then its HTTP answer (201 {"id","name","type","size"}); errors of open_file come
// back with chat "".
EM_JS(void, js_files_init, (), {
  Module.parleyFiles = Module.parleyFiles || {};
  Module.parleyFileCount = Module.parleyFileCount || 0;
  Module.parleyUpload = function(page, auth, chatId, maxBytes, files) {
    var reply = function(status, body) {
      Module.parleyActive = true;
      Module.parleyStr(chatId, function(c) { Module.parleyStr(body, function(b) { _parley_on_file(c, status, b); }); });
    };
    files.forEach(function(file) {
      var type = file.type || 'application/octet-stream';
      if (file.size > maxBytes) {
        var limit = Math.round(maxBytes / 1048576);
        return reply(413, JSON.stringify({ error: { message: file.name + ' is larger than ' + limit + ' MB' } }));
      }
      if (page) {
        var id = 'local-' + (++Module.parleyFileCount);
        Module.parleyFiles[id] = file;
        return reply(201, JSON.stringify({ id: id, name: file.name, type: type, size: file.size }));
      }
      reply(102, "");
      var url = 'api/v1/chats/' + encodeURIComponent(chatId) + '/attachments?name=' + encodeURIComponent(file.name);
      fetch(url, { method: 'POST', headers: { 'Authorization': 'Bearer ' + auth, 'Content-Type': type }, body: file })
        .then(function(r) { return r.text().then(function(t) { return [r.status, t]; }); })
        .catch(function() { return [0, ""]; })
        .then(function(x) { reply(x[0], x[1]); });
    });
  };
});

EM_JS(void, js_pick_files, (int page, const char* token, const char* chat, double max_bytes), {
  var auth = UTF8ToString(token), chatId = UTF8ToString(chat);
  var input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.style.display = 'none';
  input.addEventListener('change', function() {
    var files = Array.prototype.slice.call(input.files || []);
    input.remove();
    Module.parleyUpload(page, auth, chatId, max_bytes, files);
  });
  document.body.appendChild(input);
  input.click();
});

// The files the composer's text area was handed (Module.parleyHandedFiles, set by text_input.js).
EM_JS(void, js_upload_handed_files, (int page, const char* token, const char* chat, double max_bytes), {
  var files = Module.parleyHandedFiles || [];
  Module.parleyHandedFiles = [];
  Module.parleyUpload(page, UTF8ToString(token), UTF8ToString(chat), max_bytes, files);
});

EM_JS(void, js_get_settings, (const char* token), {
  Module.parleyNet.call('GET', 'api/v1/me/settings', UTF8ToString(token), null,
                        function(status, p) { _parley_on_settings(status, p); });
});

EM_JS(void, js_put_settings, (const char* token, const char* body), {
  Module.parleyNet.call('PUT', 'api/v1/me/settings', UTF8ToString(token), UTF8ToString(body),
                        function(status, p) { _parley_on_settings(status, p); });
});

// Shows a file in a new tab when the browser can display it safely, otherwise saves it. The blob gets
// a download-only type unless it is one of those, so no page from a file runs in this origin.
EM_JS(void, js_open_file, (int page, const char* token, const char* id, const char* name, const char* type), {
  var auth = UTF8ToString(token), fileId = UTF8ToString(id);
  var fileName = UTF8ToString(name), fileType = UTF8ToString(type);
  var viewable = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'application/pdf', 'text/plain']
                     .indexOf(fileType) >= 0 || fileType.indexOf('audio/') === 0 || fileType.indexOf('video/') === 0;
  var fail = function(status, body) {
    Module.parleyActive = true;
    Module.parleyStr("", function(c) { Module.parleyStr(body, function(b) { _parley_on_file(c, status, b); }); });
  };
  var show = function(blob) {
    var url = URL.createObjectURL(new Blob([blob], { type: viewable ? fileType : 'application/octet-stream' }));
    if (!viewable || !window.open(url, '_blank')) {
      var a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
    }
    setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
  };
  if (page) {
    var kept = (Module.parleyFiles || {})[fileId];
    if (kept) show(kept);
    else fail(404, JSON.stringify({ error: { message: 'the demo keeps files only until the page reloads' } }));
    return;
  }
  fetch('api/v1/attachments/' + encodeURIComponent(fileId), { headers: { 'Authorization': 'Bearer ' + auth } })
    .then(function(r) { return r.ok ? r.blob().then(show) : r.text().then(function(t) { fail(r.status, t); }); })
    .catch(function() { fail(0, ""); });
});

EM_JS(void, js_post_presence, (const char* token, const char* chat, const char* state), {
  var path = 'api/v1/chats/' + encodeURIComponent(UTF8ToString(chat)) + '/presence';
  Module.parleyNet.call('POST', path, UTF8ToString(token), JSON.stringify({ state: UTF8ToString(state) }),
                        function(status, p) {});
});

EM_JS(void, js_request, (double request, const char* token, const char* method, const char* route, const char* body), {
  var text = UTF8ToString(body);
  Module.parleyNet.call(UTF8ToString(method), UTF8ToString(route), UTF8ToString(token), text.length ? text : null,
                        function(status, p) { _parley_on_request(request, status, p); });
});

EM_JS(void, js_get_templates, (const char* token), {
  Module.parleyNet.call('GET', 'api/v1/templates', UTF8ToString(token), null,
                        function(status, p) { _parley_on_templates(status, p); });
});
// clang-format on

namespace parley::web {

WebHost::WebHost() {
  js_net_init(event_type_list().c_str(), kReplicaTypes);
  js_files_init();
}
void WebHost::attach(App* app) { g_app = app; }
Timestamp WebHost::wall_ms() { return static_cast<Timestamp>(js_now()); }
void WebHost::sign_in(const std::string& login, const std::string& password) {
  js_sign_in(login.c_str(), password.c_str());
}
void WebHost::check_token(const std::string& token) { js_check_token(token.c_str()); }
void WebHost::sign_out(const std::string& token) { js_sign_out(token.c_str()); }
void WebHost::open_stream(const std::string& token, std::uint64_t after) {
  js_open_stream(token.c_str(), static_cast<double>(after));
}
void WebHost::close_stream() { js_close_stream(); }
void WebHost::post_command(std::uint64_t request, const std::string& token, const std::string& body) {
  js_post_command(static_cast<double>(request), token.c_str(), body.c_str());
}
std::optional<std::string> WebHost::load(Store store, const std::string& key) {
  char* text = js_storage_get(store == Store::tab, key.c_str());
  if (!text) return std::nullopt;
  std::string out(text);
  std::free(text);
  return out;
}
void WebHost::save(Store store, const std::string& key, const std::string& value) {
  js_storage_set(store == Store::tab, key.c_str(), value.c_str());
}
void WebHost::remove(Store store, const std::string& key) { js_storage_remove(store == Store::tab, key.c_str()); }
bool WebHost::take_activity() { return js_take_activity() != 0; }
void WebHost::pick_files(FileStore store, const std::string& token, const std::string& chat) {
  js_pick_files(store == FileStore::page, token.c_str(), chat.c_str(), static_cast<double>(kMaxUploadBytes));
}
void WebHost::open_file(FileStore store, const std::string& token, const Attachment& file) {
  js_open_file(store == FileStore::page, token.c_str(), file.id.c_str(), file.name.c_str(), file.type.c_str());
}
void WebHost::get_templates(const std::string& token) { js_get_templates(token.c_str()); }
void WebHost::upload_handed_files(FileStore store, const std::string& token, const std::string& chat) {
  js_upload_handed_files(store == FileStore::page, token.c_str(), chat.c_str(), static_cast<double>(kMaxUploadBytes));
}
void WebHost::get_settings(const std::string& token) { js_get_settings(token.c_str()); }
void WebHost::post_presence(const std::string& token, const std::string& chat, const std::string& state) {
  js_post_presence(token.c_str(), chat.c_str(), state.c_str());
}
void WebHost::put_settings(const std::string& token, const std::string& body) {
  js_put_settings(token.c_str(), body.c_str());
}
void WebHost::request(std::uint64_t request, const std::string& token, const std::string& method,
                      const std::string& route, const std::string& body) {
  js_request(static_cast<double>(request), token.c_str(), method.c_str(), route.c_str(), body.c_str());
}

}  // namespace parley::web

extern "C" {
EMSCRIPTEN_KEEPALIVE void parley_on_login(int status, const char* body) {
  if (g_app) g_app->on_login_reply(status, body);
}
EMSCRIPTEN_KEEPALIVE void parley_on_me(int status, const char* body) {
  if (g_app) g_app->on_me_reply(status, body);
}
EMSCRIPTEN_KEEPALIVE void parley_on_event(double seq, const char* json) {
  if (g_app) g_app->on_stream_event(static_cast<std::uint64_t>(seq), json);
}
EMSCRIPTEN_KEEPALIVE void parley_on_stream(int status) {
  if (g_app) g_app->on_stream_state(static_cast<parley::web::StreamStatus>(status));
}
EMSCRIPTEN_KEEPALIVE void parley_on_reply(double request, int status, const char* body) {
  if (g_app) g_app->on_command_reply(static_cast<std::uint64_t>(request), status, body);
}
EMSCRIPTEN_KEEPALIVE void parley_on_file(const char* chat, int status, const char* body) {
  if (g_app) g_app->on_file_reply(chat, status, body);
}
EMSCRIPTEN_KEEPALIVE void parley_on_templates(int status, const char* body) {
  if (g_app) g_app->on_templates_reply(status, body);
}
EMSCRIPTEN_KEEPALIVE void parley_on_settings(int status, const char* body) {
  if (g_app) g_app->on_settings_reply(status, body);
}
EMSCRIPTEN_KEEPALIVE void parley_on_request(double request, int status, const char* body) {
  if (g_app) g_app->on_request_reply(static_cast<std::uint64_t>(request), status, body);
}
}
#endif
