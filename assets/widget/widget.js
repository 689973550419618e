/* Parley chat widget — the customer side of a "widget" channel. Plain JS, no dependencies.
 *
 * Embed:
 *   <script src="https://desk.example.com/widget/widget.js" data-channel="web"
 *           data-server="https://desk.example.com" async></script>
 * Attributes: data-channel (channel id, default "web"), data-server (default: where this file came
 * from), data-title (header text), data-open="true" (start opened).
 * The page's origin must be in the channel's "origins" list (admin: POST /api/v1/channels).
 *
 * Talks to the public endpoints under /widget/v1/: a session is created with the first message
 * (POST /:channel/sessions), its visitor token is kept in localStorage, messages go out with a
 * client_msg_id (retries never duplicate), agent replies arrive over SSE (/stream) and are caught up
 * with GET /messages?after=N; agent messages shown while the page is visible are reported read. A
 * returning visitor's earlier conversations (GET /history) are shown above the current one on load.
 * While the customer types, POST /typing tells the desk (at most every 2.5 s, and once when they
 * stop); the agent's typing arrives on the stream as `typing` and shows "<name> is typing…" until it
 * stops or expires.
 * window.ParleyWidget exposes open(), close(), send(text) and state() for scripting and tests.
 */
(function () {
  'use strict';
  if (window.ParleyWidget) return;

  var script = document.currentScript;
  function attr(name, fallback) {
    var value = script && script.getAttribute(name);
    return value ? value : fallback;
  }
  var channel = attr('data-channel', 'web');
  var scriptOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var server = attr('data-server', scriptOrigin).replace(/\/+$/, '');
  var title = attr('data-title', 'Chat with us');
  var storeKey = 'parley-widget|' + server + '|' + channel;

  // ---- state -------------------------------------------------------------------------------
  var saved = load();          // {token, visitor, chat, name}
  var count = 0;               // messages of the current chat already shown (GET ?after=)
  var items = {};              // message id -> {data, el}
  var order = [];              // message ids in display order
  var chatState = null, agentName = null;
  var reported = {};           // agent message ids reported read
  var stream = null, reconnectTimer = null, syncing = null, isOpen = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey)) || {}; } catch (e) { return {}; }
  }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(saved)); } catch (e) { /* private mode */ }
  }
  function randomId() {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return 'c-' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // ---- DOM -----------------------------------------------------------------------------------
  var host = document.createElement('div');
  host.setAttribute('data-parley-widget', channel);
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  root.innerHTML =
    '<style>' +
    ':host{all:initial}' +
    '.pw{position:fixed;right:20px;bottom:20px;z-index:2147483000;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2430}' +
    '.launcher{width:56px;height:56px;border-radius:50%;border:0;background:#2f6fed;color:#fff;font-size:26px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);float:right}' +
    '.panel{display:none;flex-direction:column;width:340px;height:460px;background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);overflow:hidden;margin-bottom:12px}' +
    '.open .panel{display:flex}.open .launcher{font-size:22px}' +
    '.head{background:#2f6fed;color:#fff;padding:12px 14px}' +
    '.head b{display:block;font-size:15px}.status{font-size:12px;opacity:.9}' +
    '.close{float:right;background:none;border:0;color:#fff;font-size:18px;cursor:pointer;line-height:1}' +
    '.list{flex:1;overflow-y:auto;padding:12px;background:#f5f7fb}' +
    '.msg{max-width:78%;margin:6px 0;padding:8px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word;clear:both}' +
    '.client{float:right;background:#2f6fed;color:#fff;border-bottom-right-radius:3px}' +
    '.agent,.bot,.process{float:left;background:#fff;border:1px solid #e1e5ee;border-bottom-left-radius:3px}' +
    '.who{display:block;font-size:11px;font-weight:600;color:#5b6477;margin-bottom:2px}' +
    '.meta{display:block;font-size:10px;opacity:.75;text-align:right;margin-top:2px}' +
    '.file{display:block;color:inherit;margin-top:4px}' +
    '.failed{background:#c0392b;cursor:pointer}' +
    '.note{clear:both;text-align:center;font-size:12px;color:#7a8396;padding:8px 0}' +
    '.name{display:flex;gap:6px;padding:8px 12px 0;background:#fff}' +
    '.name input{flex:1}' +
    '.compose{display:flex;gap:6px;padding:10px 12px;background:#fff;border-top:1px solid #e1e5ee}' +
    'input,textarea{font:inherit;border:1px solid #cfd5e2;border-radius:8px;padding:7px 9px;outline:none}' +
    'textarea{flex:1;resize:none;box-sizing:border-box;height:38px;max-height:96px}' +
    '.send{border:0;border-radius:8px;background:#2f6fed;color:#fff;padding:0 14px;cursor:pointer}' +
    '.send:disabled{opacity:.5}' +
    '.earlier{opacity:.72}' +
    '.typing{display:none;padding:4px 12px;font-size:12px;font-style:italic;color:#4a5468;background:#f5f7fb}' +
    '</style>' +
    '<div class="pw">' +
    '<div class="panel" role="dialog" aria-label="Chat">' +
    '<div class="head"><button class="close" aria-label="Close">×</button><b></b><span class="status"></span></div>' +
    '<div class="list" aria-live="polite"></div>' +
    '<div class="typing" aria-live="polite"></div>' +
    '<div class="name"><input class="name-input" maxlength="80" placeholder="Your name (optional)"></div>' +
    '<div class="compose"><textarea placeholder="Type a message…" maxlength="8000"></textarea>' +
    '<button class="send">Send</button></div>' +
    '</div>' +
    '<button class="launcher" aria-label="Chat">💬</button>' +
    '</div>';
  var $ = function (sel) { return root.querySelector(sel); };
  var frame = $('.pw'), list = $('.list'), statusEl = $('.status'), input = $('textarea');
  var nameRow = $('.name'), nameInput = $('.name-input'), sendButton = $('.send'), typingEl = $('.typing');
  $('.head b').textContent = title;

  function setStatus() {
    var text = 'We usually answer within minutes';
    if (chatState === 'queued') text = 'Waiting for an agent…';
    else if (chatState === 'open') text = agentName ? agentName + ' is here to help' : 'Connected';
    else if (chatState === 'paused') text = (agentName || 'The agent') + ' will be right back';
    else if (chatState === 'closed') text = 'Conversation ended — write to start a new one';
    statusEl.textContent = text;
    nameRow.style.display = saved.token ? 'none' : '';
  }

  function timeText(at) {
    var d = at ? new Date(at) : new Date();
    return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
  }

  function note(text) {
    var el = document.createElement('div');
    el.className = 'note';
    el.textContent = text;
    list.appendChild(el);
    scrollDown();
  }

  function scrollDown() { list.scrollTop = list.scrollHeight; }

  function sizeText(n) {
    return n < 1024 ? n + ' B' : n < 1048576 ? Math.round(n / 1024) + ' KB' : (n / 1048576).toFixed(1) + ' MB';
  }

  // A file is fetched with the visitor token in the Authorization header (a token in a URL would end up
  // in logs and history) and saved under its name from memory.
  function download(f) {
    fetch(server + f.url, { headers: { 'Authorization': 'Bearer ' + (saved.token || '') } }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.blob();
    }).then(function (blob) {
      var local = URL.createObjectURL(blob);
      var save = document.createElement('a');
      save.href = local;
      save.download = f.name;
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(function () { URL.revokeObjectURL(local); }, 60000);
    }).catch(function () { note('The file could not be downloaded.'); });
  }

  function draw(item) {
    var d = item.data;
    var el = item.el || document.createElement('div');
    el.className = 'msg ' + d.from + (d.failed ? ' failed' : '');
    el.textContent = '';
    if (d.from !== 'client' && d.name) {
      var who = document.createElement('span');
      who.className = 'who';
      who.textContent = d.name;
      el.appendChild(who);
    }
    el.appendChild(document.createTextNode(d.text));
    (d.attachments || []).forEach(function(f) {
      var link = document.createElement('a');
      link.className = 'file';
      link.href = server + f.url;
      link.addEventListener('click', function (ev) { ev.preventDefault(); download(f); });
      link.textContent = '📎 ' + f.name + ' (' + sizeText(f.size) + ')';
      el.appendChild(link);
    });
    var meta = document.createElement('span');
    meta.className = 'meta';
    var mark = d.from === 'client' ? (d.failed ? ' · not sent, tap to retry' : d.pending ? ' · sending…' : ' ✓') : '';
    meta.textContent = timeText(d.at) + mark;
    el.appendChild(meta);
    if (!item.el) { item.el = el; list.appendChild(el); scrollDown(); }
  }

  // Adds or updates a message (server data, or a local pending one keyed by its client_msg_id).
  function upsert(data) {
    var item = items[data.id];
    if (item) {
      for (var k in data) item.data[k] = data[k];
      if (!('pending' in data)) item.data.pending = false;
      item.data.failed = data.failed || false;
    } else {
      item = items[data.id] = { data: data, el: null };
      order.push(data.id);
    }
    draw(item);
    if (data.n && data.n > count) count = data.n;
    reportRead();
  }

  // ---- HTTP ----------------------------------------------------------------------------------
  function call(method, path, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (saved.token) headers.Authorization = 'Bearer ' + saved.token;
    return fetch(server + path, {
      method: method, headers: headers, mode: 'cors', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (!res.ok) {
          var err = new Error((json.error && json.error.message) || res.statusText);
          err.status = res.status;
          err.code = json.error && json.error.code;
          throw err;
        }
        return json;
      });
    });
  }

  function forgetSession() {
    saved = { name: saved.name };
    save();
    count = 0;
    chatState = null;
    stopStream();
    setStatus();
  }

  function ensureSession() {
    if (saved.token) return Promise.resolve();
    var name = nameInput.value.trim() || saved.name || '';
    return call('POST', '/widget/v1/' + encodeURIComponent(channel) + '/sessions', { name: name }).then(function (r) {
      saved = { token: r.token, visitor: r.visitor, chat: r.chat, name: name };
      save();
      count = 0;
      chatState = 'queued';
      setStatus();
      startStream();
    });
  }

  // The visitor's earlier conversations, above the current one (once per page; messages this page
  // already shows are not drawn twice).
  var earlierShown = 0, historyAsked = false;
  function showHistory() {
    if (!saved.token || historyAsked) return;
    historyAsked = true;
    call('GET', '/widget/v1/history').then(function (r) {
      var first = list.firstChild;
      (r.sessions || []).forEach(function (session) {
        var fresh = (session.messages || []).filter(function (m) { return !items[m.id]; });
        if (!fresh.length) return;
        var head = document.createElement('div');
        head.className = 'note';
        head.textContent = 'Earlier conversation · ' + new Date(session.started_at).toLocaleDateString();
        list.insertBefore(head, first);
        fresh.forEach(function (m) {
          var item = { data: m, el: document.createElement('div') };
          draw(item);
          item.el.className += ' earlier';
          list.insertBefore(item.el, first);
          earlierShown++;
        });
      });
      if (earlierShown && first) {
        var now = document.createElement('div');
        now.className = 'note';
        now.textContent = 'This conversation';
        list.insertBefore(now, first);
      }
      scrollDown();
    }).catch(function () { historyAsked = false; });
  }

  function newChat(chat) {
    if (saved.chat && saved.chat !== chat && order.length) note('New conversation');
    saved.chat = chat;
    save();
    count = 0;
  }

  // Catches up with the current chat (after a reconnect, a new session, or on load).
  function sync() {
    if (!saved.token) return Promise.resolve();
    if (syncing) return syncing;
    syncing = call('GET', '/widget/v1/messages?after=' + count).then(function (r) {
      if (r.chat !== saved.chat) { newChat(r.chat); syncing = null; return sync(); }
      chatState = r.state;
      agentName = r.agent;
      setStatus();
      r.messages.forEach(upsert);
      count = Math.max(count, r.count);
    }).catch(function (err) {
      if (err.status === 401) forgetSession();
    }).then(function () { syncing = null; });
    return syncing;
  }

  function post(data, attempt) {
    return ensureSession().then(function () {
      return call('POST', '/widget/v1/messages', { text: data.text, client_msg_id: data.id });
    }).then(function (r) {
      if (r.chat !== saved.chat) newChat(r.chat);
      upsert({ id: data.id, pending: false });
      sync();
    }).catch(function (err) {
      if (err.status === 401 && attempt < 1) { forgetSession(); return post(data, attempt + 1); }
      if (!err.status && attempt < 4) {  // network trouble: same client_msg_id, so never a duplicate
        return new Promise(function (r) { setTimeout(r, 1000 * (attempt + 1)); }).then(function () { return post(data, attempt + 1); });
      }
      upsert({ id: data.id, failed: true, pending: false });
      if (err.code === 'blocked') statusEl.textContent = 'This message was not accepted by the desk.';
    });
  }

  function send(text) {
    text = String(text || '').trim();
    if (!text) return Promise.resolve();
    var data = { id: randomId(), from: 'client', text: text, at: new Date().toISOString(), pending: true };
    upsert(data);
    return post(data, 0);
  }

  function retry(id) {
    var item = items[id];
    if (!item || !item.data.failed) return;
    upsert({ id: id, failed: false, pending: true });
    post(item.data, 0);
  }

  // Reports agent messages read while the chat is open and the page visible.
  function reportRead() {
    if (!isOpen || document.visibilityState !== 'visible' || !saved.token) return;
    order.forEach(function (id) {
      var d = items[id].data;
      if (d.from === 'client' || !d.delivery || d.delivery === 'read' || reported[id]) return;
      reported[id] = true;
      call('POST', '/widget/v1/read', { message: id }).catch(function () { delete reported[id]; });
    });
  }

  // ---- typing, both ways ---------------------------------------------------------------------
  var typingSentAt = 0, typingStopTimer = null, agentTypingTimer = null, agentTyping = false;
  function tellTyping(typing) {
    if (!saved.token) return;
    call('POST', '/widget/v1/typing', { typing: typing }).catch(function () { /* presence is best effort */ });
  }
  function customerTyped() {
    clearTimeout(typingStopTimer);
    if (!input.value.trim()) { stopTyping(); return; }
    var now = Date.now();
    if (now - typingSentAt > 2500) { typingSentAt = now; tellTyping(true); }
    typingStopTimer = setTimeout(stopTyping, 3000);
  }
  function stopTyping() {
    clearTimeout(typingStopTimer);
    if (!typingSentAt) return;
    typingSentAt = 0;
    tellTyping(false);
  }
  function showAgentTyping(d) {
    clearTimeout(agentTypingTimer);
    agentTyping = !!d.typing;
    typingEl.textContent = agentTyping ? (d.name || 'The agent') + ' is typing…' : '';
    typingEl.style.display = agentTyping ? 'block' : 'none';
    if (agentTyping) agentTypingTimer = setTimeout(function () { showAgentTyping({ typing: false }); }, d.ttl_ms || 5000);
  }

  // ---- live stream ---------------------------------------------------------------------------
  function stopStream() {
    if (stream) { stream.close(); stream = null; }
    clearTimeout(reconnectTimer);
  }

  function startStream() {
    stopStream();
    if (!saved.token || !window.EventSource) return;
    var es = stream = new EventSource(server + '/widget/v1/stream?access_token=' + encodeURIComponent(saved.token));
    es.addEventListener('open', function () { sync(); });
    es.addEventListener('message', function (e) {
      var m = JSON.parse(e.data);
      if (m.chat !== saved.chat) { sync(); return; }
      if (m.from === 'agent') showAgentTyping({ typing: false });
      upsert(m);
    });
    es.addEventListener('typing', function (e) {
      var d = JSON.parse(e.data);
      if (d.chat === saved.chat) showAgentTyping(d);
    });
    es.addEventListener('delivery', function (e) {
      var d = JSON.parse(e.data);
      if (items[d.id]) upsert({ id: d.id, delivery: d.status });
    });
    es.addEventListener('chat', function (e) {
      var c = JSON.parse(e.data);
      if (c.chat !== saved.chat) { sync(); return; }
      var was = chatState;
      chatState = c.state;
      agentName = c.agent;
      setStatus();
      if (c.state === 'closed' && was !== 'closed') note('The conversation was closed');
    });
    es.addEventListener('error', function () {
      if (es.readyState !== EventSource.CLOSED) return;  // the browser reconnects by itself
      sync().then(function () {
        if (saved.token && stream === es) reconnectTimer = setTimeout(startStream, 3000);
      });
    });
  }

  // ---- wiring --------------------------------------------------------------------------------
  function open() {
    isOpen = true;
    frame.classList.add('open');
    $('.launcher').textContent = '✕';
    setTimeout(function () { input.focus(); }, 0);
    reportRead();
  }
  function close() {
    isOpen = false;
    frame.classList.remove('open');
    $('.launcher').textContent = '💬';
  }

  $('.launcher').addEventListener('click', function () { isOpen ? close() : open(); });
  $('.close').addEventListener('click', close);
  function grow() {  // the composer grows with its text, up to four lines
    input.style.height = '';
    if (input.scrollHeight > input.clientHeight) input.style.height = Math.min(input.scrollHeight + 2, 96) + 'px';
  }
  sendButton.addEventListener('click', function () {
    var t = input.value;
    input.value = '';
    grow();
    stopTyping();
    send(t);
    input.focus();
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); sendButton.click(); }
  });
  input.addEventListener('input', grow);
  input.addEventListener('input', customerTyped);
  list.addEventListener('click', function (e) {
    for (var id in items) if (items[id].el === e.target || items[id].el.contains(e.target)) retry(id);
  });
  document.addEventListener('visibilitychange', reportRead);

  function mount() {
    document.body.appendChild(host);
    if (saved.name) nameInput.value = saved.name;
    setStatus();
    if (saved.token) { sync().then(showHistory); startStream(); }
    if (attr('data-open', '') === 'true') open();
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);

  window.ParleyWidget = {
    open: open,
    close: close,
    send: send,
    state: function () {
      return {
        channel: channel, server: server, chat: saved.chat || null, visitor: saved.visitor || null,
        state: chatState, agent: agentName, streaming: !!stream && stream.readyState === 1,
        agentTyping: agentTyping ? typingEl.textContent : null,
        earlier: earlierShown,
        messages: order.map(function (id) {
          var d = items[id].data;
          return { id: id, from: d.from, name: d.name || null, text: d.text, delivery: d.delivery || null,
                   pending: !!d.pending, failed: !!d.failed };
        })
      };
    }
  };
})();
