/* Parley chat widget — the customer side of a "widget" channel. Plain JS, no dependencies.
 *
 * Embed with one tag (it builds its launcher button and panel itself):
 *   <script src="https://desk.example.com/widget/widget.js" data-channel="web" async></script>
 * Attributes: data-channel (channel id, default "web"), data-server (default: where this file came
 * from), data-title (header text; default the channel's theme title), data-open="true" (start opened).
 * The page's origin must be in the channel's "origins" list (admin: POST /api/v1/channels).
 *
 * On load it reads the channel's settings (GET /:channel/config): its theme (accent colour, title,
 * greeting), its pre-chat form and whether its group is online. Then it shows one of:
 *   - the pre-chat form (fields with required flags; the answers go with the session start),
 *   - "leave a message" while the group is offline (the form's fields above the composer; sending
 *     starts a session that waits for the next agent, and says when to expect an answer),
 *   - the conversation (a session is created with the first message when there is no form).
 * Talks to the public endpoints under /widget/v1/: the visitor token is kept in localStorage, messages
 * go out with a client_msg_id (retries never duplicate), agent replies arrive over SSE (/stream) and
 * are caught up with GET /messages?after=N; agent messages shown while the page is visible are
 * reported read. While the session waits, its place in the queue and the estimated wait (the core's
 * numbers) show under the header and update live. Files are attached with the paper-clip button
 * (POST /attachments, then a message naming them). A returning visitor's earlier conversations
 * (GET /history) are shown above the current one on load. Typing goes both ways: POST /typing while
 * the customer types; the agent's typing arrives on the stream and shows "<name> is typing…".
 * Accessibility: every control is labelled, Escape closes the panel and gives focus back to the
 * launcher, new messages, the queue place and typing are announced by live regions.
 * window.ParleyWidget exposes open(), close(), send(text), attach(files) and state() for scripting and tests.
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
  var pageTitle = attr('data-title', '');
  var storeKey = 'parley-widget|' + server + '|' + channel;

  // ---- state -------------------------------------------------------------------------------
  var saved = load();          // {token, visitor, chat, name}
  var count = 0;               // messages of the current chat already shown (GET ?after=)
  var items = {};              // message id -> {data, el}
  var order = [];              // message ids in display order
  var chatState = null, agentName = null;
  var reported = {};           // agent message ids reported read
  var stream = null, reconnectTimer = null, syncing = null, isOpen = false;
  var config = null;           // the channel's settings (GET /config); null until read
  var mode = 'chat';           // chat | prechat | offline
  var queue = null;            // {position, waiting, estimated_wait_ms} while waiting
  var leftMessage = false;     // this page sent a leave-a-message form

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
    '.pw{--accent:#2f6fed;--on-accent:#fff;position:fixed;right:20px;bottom:20px;z-index:2147483000;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2430}' +
    '.launcher{width:56px;height:56px;border-radius:50%;border:0;background:var(--accent);color:var(--on-accent);font-size:26px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);float:right}' +
    '.panel{display:none;flex-direction:column;width:360px;height:520px;max-height:calc(100vh - 110px);background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);overflow:hidden;margin-bottom:12px}' +
    '.open .panel{display:flex}.open .launcher{font-size:22px}' +
    '.head{background:var(--accent);color:var(--on-accent);padding:12px 14px;display:flex;align-items:flex-start;gap:8px}' +
    '.head .titles{flex:1;min-width:0}' +
    '.head h2{display:block;font-size:15px;margin:0;font-weight:700}.status{font-size:12px;opacity:.92}' +
    '.close{background:none;border:0;color:inherit;font-size:20px;cursor:pointer;line-height:1;padding:2px 6px;border-radius:6px}' +
    '.queue{display:none;padding:7px 14px;font-size:12.5px;background:#eef3ff;color:#23324d;border-bottom:1px solid #dbe3f3}' +
    '.list{flex:1;overflow-y:auto;padding:12px;background:#f5f7fb}' +
    '.msg{max-width:78%;margin:6px 0;padding:8px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word;clear:both}' +
    '.client{float:right;background:var(--accent);color:var(--on-accent);border-bottom-right-radius:3px}' +
    '.agent,.bot,.process,.greeting{float:left;background:#fff;border:1px solid #e1e5ee;border-bottom-left-radius:3px}' +
    '.who{display:block;font-size:11px;font-weight:600;color:#4a5468;margin-bottom:2px}' +
    '.client .who{color:inherit}' +
    '.meta{display:block;font-size:10px;opacity:.8;text-align:right;margin-top:2px}' +
    '.file{display:block;color:inherit;margin-top:4px}' +
    '.failed{background:#c0392b;color:#fff;cursor:pointer}' +
    '.note{clear:both;text-align:center;font-size:12px;color:#5b6477;padding:8px 0}' +
    '.form{flex:1;overflow-y:auto;padding:14px;background:#f5f7fb;display:none}' +
    '.form p{margin:0 0 10px}.form .away{font-weight:600}' +
    '.field{display:block;margin:0 0 10px}' +
    '.field span{display:block;font-size:12px;font-weight:600;color:#36405a;margin-bottom:3px}' +
    '.field input,.field textarea{box-sizing:border-box;width:100%}' +
    '.field textarea{height:64px;resize:vertical}' +
    '.field [aria-invalid=true]{border-color:#c0392b}' +
    '.error{color:#b3261e;font-size:12.5px;margin:0 0 8px;min-height:1em}' +
    '.start{border:0;border-radius:8px;background:var(--accent);color:var(--on-accent);padding:9px 16px;cursor:pointer;font:inherit;font-weight:600}' +
    '.name{display:flex;gap:6px;padding:8px 12px 0;background:#fff}' +
    '.name input{flex:1}' +
    '.compose{display:flex;gap:6px;padding:10px 12px;background:#fff;border-top:1px solid #e1e5ee;align-items:flex-end}' +
    'input,textarea{font:inherit;color:inherit;border:1px solid #b9c1d1;border-radius:8px;padding:7px 9px;outline:none;background:#fff}' +
    '.compose textarea{flex:1;resize:none;box-sizing:border-box;height:38px;max-height:96px}' +
    '.send{border:0;border-radius:8px;background:var(--accent);color:var(--on-accent);padding:0 14px;height:38px;cursor:pointer;font:inherit}' +
    '.attach{border:1px solid #b9c1d1;border-radius:8px;background:#fff;width:38px;height:38px;cursor:pointer;font-size:17px;padding:0;color:#36405a}' +
    '.send:disabled,.attach:disabled{opacity:.5;cursor:default}' +
    '.earlier{opacity:.72}' +
    '.typing{display:none;padding:4px 12px;font-size:12px;font-style:italic;color:#4a5468;background:#f5f7fb}' +
    '.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}' +
    'button:focus-visible,input:focus-visible,textarea:focus-visible,a:focus-visible{outline:2px solid #fff;box-shadow:0 0 0 4px #1f2430;outline-offset:0}' +
    'input:focus,textarea:focus{border-color:#1f2430}' +
    '</style>' +
    '<div class="pw">' +
    '<div class="panel" id="pw-panel" role="dialog" aria-labelledby="pw-title" aria-describedby="pw-status">' +
    '<div class="head"><div class="titles"><h2 id="pw-title"></h2><span class="status" id="pw-status"></span></div>' +
    '<button type="button" class="close" aria-label="Close chat">×</button></div>' +
    '<div class="queue" role="status" aria-live="polite" aria-atomic="true"></div>' +
    '<div class="form" role="group" aria-labelledby="pw-form-intro"><p id="pw-form-intro"></p><div class="fields"></div>' +
    '<p class="error" id="pw-form-error" role="alert"></p><button type="button" class="start">Start chat</button></div>' +
    '<div class="list" role="log" aria-live="polite" aria-label="Conversation" tabindex="0"></div>' +
    '<div class="typing" role="status" aria-live="polite"></div>' +
    '<div class="name"><input class="name-input" maxlength="80" aria-label="Name for this chat (optional)" placeholder="Your name (optional)" autocomplete="name"></div>' +
    '<div class="compose"><button type="button" class="attach" aria-label="Attach a file" title="Attach a file">📎</button>' +
    '<input type="file" class="file-input" multiple hidden tabindex="-1" aria-hidden="true">' +
    '<textarea placeholder="Type a message…" aria-label="Message" maxlength="8000"></textarea>' +
    '<button type="button" class="send">Send</button></div>' +
    '</div>' +
    '<button type="button" class="launcher" aria-label="Open chat" aria-expanded="false" aria-controls="pw-panel">💬</button>' +
    '</div>';
  var $ = function (sel) { return root.querySelector(sel); };
  var frame = $('.pw'), list = $('.list'), statusEl = $('.status'), input = $('.compose textarea');
  var nameRow = $('.name'), nameInput = $('.name-input'), sendButton = $('.send'), typingEl = $('.typing');
  var queueEl = $('.queue'), formEl = $('.form'), formIntro = $('#pw-form-intro'), fieldsEl = $('.fields');
  var formError = $('.error'), startButton = $('.start'), attachButton = $('.attach'), fileInput = $('.file-input');
  var launcher = $('.launcher'), titleEl = $('#pw-title');
  titleEl.textContent = pageTitle || 'Chat with us';

  function setStatus() {
    var text = config && !config.online && !saved.token ? 'We are away right now' : 'We usually answer within minutes';
    if (chatState === 'queued') text = 'Waiting for an agent…';
    else if (chatState === 'open') text = agentName ? agentName + ' is here to help' : 'Connected';
    else if (chatState === 'paused') text = (agentName || 'The agent') + ' will be right back';
    else if (chatState === 'closed') text = 'Conversation ended — write to start a new one';
    statusEl.textContent = text;
    nameRow.style.display = saved.token || mode !== 'chat' || hasForm() ? 'none' : '';
    showQueue();
  }

  // ---- channel settings: theme, pre-chat form, leave a message ----------------------------------
  function hasForm() { return !!(config && config.prechat && config.prechat.enabled && config.prechat.fields.length); }

  // Black or white text, whichever reads better on the accent colour.
  function textOn(hex) {
    var h = hex.replace('#', '');
    if (h.length === 3) h = h.replace(/./g, '$&$&');
    var lin = [0, 2, 4].map(function (i) {
      var c = parseInt(h.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var l = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
    return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#111' : '#fff';
  }

  function applyTheme() {
    var theme = (config && config.theme) || {};
    if (theme.accent && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(theme.accent)) {
      frame.style.setProperty('--accent', theme.accent);
      frame.style.setProperty('--on-accent', textOn(theme.accent));
    }
    titleEl.textContent = pageTitle || theme.title || 'Chat with us';
  }

  function greetingText() { return (config && config.theme && config.theme.greeting) || ''; }

  // The fields a form asks: the channel's pre-chat fields, or (leave a message) a name and an e-mail.
  function formFields() {
    var fields = hasForm() ? config.prechat.fields.slice() : [];
    if (mode === 'offline') {
      if (!fields.some(function (f) { return f.id === 'name'; }))
        fields.unshift({ id: 'name', label: 'Your name', type: 'text', required: false });
      if (!fields.some(function (f) { return f.id === 'email'; }))
        fields.splice(1, 0, { id: 'email', label: 'E-mail (so we can answer if you leave)', type: 'email', required: false });
    }
    return fields;
  }

  function openingText(at) {
    var d = new Date(at);
    var sameDay = d.toDateString() === new Date().toDateString();
    var time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    return sameDay ? 'today at ' + time : d.toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'short' }) + ' at ' + time;
  }

  function expectText() {
    var text = "We'll answer as soon as someone is available";
    if (config && config.opens_at) text += ' — we open again ' + openingText(config.opens_at);
    return text + '.';
  }

  function renderForm() {
    fieldsEl.textContent = '';
    formError.textContent = '';
    var intro = mode === 'offline'
      ? 'Nobody is available right now. Leave a message and ' + expectText().charAt(0).toLowerCase() + expectText().slice(1)
      : (greetingText() || 'Tell us a little about yourself and we will connect you.');
    formIntro.textContent = intro;
    formIntro.className = mode === 'offline' ? 'away' : '';
    formFields().forEach(function (f) {
      var label = document.createElement('label');
      label.className = 'field';
      var caption = document.createElement('span');
      caption.textContent = f.label + (f.required ? ' *' : '');
      var control = document.createElement(f.type === 'textarea' ? 'textarea' : 'input');
      if (f.type !== 'textarea') control.type = f.type === 'email' ? 'email' : f.type === 'tel' ? 'tel' : 'text';
      control.name = f.id;
      control.maxLength = f.id === 'name' ? 80 : 500;
      control.setAttribute('data-field', f.id);
      if (f.required) { control.required = true; control.setAttribute('aria-required', 'true'); }
      if (f.id === 'name') { control.autocomplete = 'name'; if (saved.name) control.value = saved.name; }
      if (f.type === 'email') control.autocomplete = 'email';
      if (f.type === 'tel') control.autocomplete = 'tel';
      label.appendChild(caption);
      label.appendChild(control);
      fieldsEl.appendChild(label);
    });
    startButton.style.display = mode === 'prechat' ? '' : 'none';
  }

  function setMode(next) {
    mode = next;
    var form = mode !== 'chat';
    formEl.style.display = form ? 'block' : 'none';
    list.style.display = form ? 'none' : '';
    $('.compose').style.display = mode === 'prechat' ? 'none' : '';
    attachButton.style.display = mode === 'offline' ? 'none' : '';
    input.placeholder = mode === 'offline' ? 'Your message…' : 'Type a message…';
    sendButton.textContent = mode === 'offline' ? 'Send message' : 'Send';
    if (form) renderForm();
    setStatus();
  }

  // Which view fits: a visitor with a session sees the conversation; otherwise an offline group asks
  // for a message and a pre-chat form comes before the chat.
  function chooseMode(always) {
    var next = saved.token ? 'chat' : config && !config.online ? 'offline' : hasForm() ? 'prechat' : 'chat';
    if (always || next !== mode) setMode(next); else setStatus();
  }

  function readConfig() {
    return call('GET', '/widget/v1/' + encodeURIComponent(channel) + '/config').then(function (c) {
      var first = !config;
      config = c;
      applyTheme();
      if (first || !saved.token) {
        var was = mode;
        chooseMode(first);
        if (first && mode === 'chat') greet();
        if (isOpen && was !== mode) focusFirst();
      }
    }).catch(function () { /* without settings the plain chat still works */ });
  }

  function greet() {
    if (!greetingText() || order.length || list.querySelector('.greeting')) return;
    var el = document.createElement('div');
    el.className = 'msg greeting';
    el.textContent = greetingText();
    list.insertBefore(el, list.firstChild);
  }

  // The form's answers, or null after showing what is missing (focus goes to the first problem).
  function formAnswers() {
    var answers = { name: '', fields: {} }, problem = null;
    Array.prototype.forEach.call(fieldsEl.querySelectorAll('[data-field]'), function (control) {
      var id = control.getAttribute('data-field'), value = control.value.trim();
      var bad = control.required && !value ? 'is required'
        : value && control.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? 'must be an e-mail address' : null;
      control.setAttribute('aria-invalid', bad ? 'true' : 'false');
      if (bad && !problem) problem = { control: control, text: control.parentNode.firstChild.textContent.replace(/ \*$/, '') + ' ' + bad };
      if (id === 'name') answers.name = value; else if (value) answers.fields[id] = value;
    });
    if (problem) {
      formError.textContent = problem.text + '.';
      problem.control.setAttribute('aria-describedby', 'pw-form-error');
      problem.control.focus();
      return null;
    }
    formError.textContent = '';
    return answers;
  }

  // Starts the session from the form (pre-chat, or leave a message with `message`).
  function startFromForm(message) {
    var answers = formAnswers();
    if (!answers) return Promise.resolve(false);
    if (mode === 'offline' && !message) {
      formError.textContent = 'Please write your message.';
      input.focus();
      return Promise.resolve(false);
    }
    var body = { name: answers.name, fields: answers.fields };
    if (message) body.message = message;
    startButton.disabled = sendButton.disabled = true;
    var wasOffline = mode === 'offline';
    return call('POST', '/widget/v1/' + encodeURIComponent(channel) + '/sessions', body).then(function (r) {
      saved = { token: r.token, visitor: r.visitor, chat: r.chat, name: answers.name };
      save();
      count = 0;
      chatState = 'queued';
      leftMessage = wasOffline;
      setMode('chat');
      greet();
      startStream();
      return sync().then(function () {
        if (wasOffline) note('Thanks, your message is with us. ' + expectText());
        focusFirst();
        return true;
      });
    }).catch(function (err) {
      formError.textContent = err.message || 'The chat could not be started. Please try again.';
      return false;
    }).then(function (ok) {
      startButton.disabled = sendButton.disabled = false;
      return ok;
    });
  }

  // ---- the place in the queue ------------------------------------------------------------------
  function queueText(q) {
    var place = q.position === 1 ? 'You are next in line' : 'You are number ' + q.position + ' in line';
    var wait = q.estimated_wait_ms;
    if (wait === null || wait === undefined) return place + '.';
    if (wait === 0) return place + ' · an agent should be with you any moment.';
    var min = Math.round(wait / 60000);
    return place + ' · estimated wait about ' + min + (min === 1 ? ' minute.' : ' minutes.');
  }

  function showQueue() {
    var show = !!(queue && chatState === 'queued' && mode === 'chat');
    queueEl.style.display = show ? 'block' : 'none';
    var text = show ? queueText(queue) : '';
    if (queueEl.textContent !== text) queueEl.textContent = text;
  }

  function setQueue(q) {
    queue = q || null;
    showQueue();
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
    queue = null;
    stopStream();
    chooseMode();
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
      queue = r.queue || null;
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
      var body = { text: data.text, client_msg_id: data.id };
      if (data.files) body.attachments = data.files.map(function (f) { return f.id; });
      return call('POST', '/widget/v1/messages', body);
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
    if (mode === 'offline') return startFromForm(text);
    var data = { id: randomId(), from: 'client', text: text, at: new Date().toISOString(), pending: true };
    upsert(data);
    return post(data, 0);
  }

  // Uploads files into the session (started first if need be), then sends one message naming them.
  function attach(files) {
    files = Array.prototype.slice.call(files || [], 0, 10);
    if (!files.length) return Promise.resolve();
    var limit = (config && config.max_attachment_bytes) || Infinity;
    var tooBig = files.filter(function (f) { return f.size > limit; });
    if (tooBig.length) {
      note(tooBig[0].name + ' is larger than ' + sizeText(limit) + ' and was not sent.');
      return Promise.resolve();
    }
    var data = { id: randomId(), from: 'client', text: '', at: new Date().toISOString(), pending: true,
                 attachments: files.map(function (f) { return { name: f.name, size: f.size, url: '' }; }) };
    upsert(data);
    var upload = function (f) {
      var path = '/widget/v1/attachments?name=' + encodeURIComponent(f.name);
      return fetch(server + path, {
        method: 'POST', mode: 'cors', credentials: 'omit', body: f,
        headers: { 'Authorization': 'Bearer ' + saved.token, 'Content-Type': f.type || 'application/octet-stream' }
      }).then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (json) {
          if (!res.ok) throw new Error((json.error && json.error.message) || res.statusText);
          return json;
        });
      });
    };
    return ensureSession().then(function () {
      return Promise.all(files.map(upload));
    }).then(function (stored) {
      data.files = stored;
      return post(data, 0);
    }).catch(function (err) {
      upsert({ id: data.id, failed: true, pending: false });
      note('The file could not be sent: ' + (err.message || 'network error') + '.');
    });
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
    es.addEventListener('queue', function (e) {
      var q = JSON.parse(e.data);
      if (q.chat === saved.chat) setQueue(q.queue);
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
      if ('queue' in c) queue = c.queue;
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
  function focusFirst() {
    if (!isOpen) return;
    var target = mode === 'chat' ? input : fieldsEl.querySelector('input,textarea') || input;
    setTimeout(function () { target.focus(); }, 0);
  }
  function open() {
    isOpen = true;
    frame.classList.add('open');
    launcher.textContent = '✕';
    launcher.setAttribute('aria-label', 'Close chat');
    launcher.setAttribute('aria-expanded', 'true');
    focusFirst();
    reportRead();
    if (!saved.token) readConfig();  // is the group still away (or back)?
  }
  function close() {
    var hadFocus = root.activeElement && root.activeElement !== launcher;
    isOpen = false;
    frame.classList.remove('open');
    launcher.textContent = '💬';
    launcher.setAttribute('aria-label', 'Open chat');
    launcher.setAttribute('aria-expanded', 'false');
    if (hadFocus) launcher.focus();
  }

  launcher.addEventListener('click', function () { isOpen ? close() : open(); });
  $('.close').addEventListener('click', close);
  frame.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && isOpen) { e.preventDefault(); close(); }
  });
  startButton.addEventListener('click', function () { startFromForm(''); });
  fieldsEl.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && e.target.tagName === 'INPUT' && mode === 'prechat') { e.preventDefault(); startFromForm(''); }
  });
  attachButton.addEventListener('click', function () { fileInput.click(); });
  fileInput.addEventListener('change', function () {
    var files = fileInput.files;
    attach(files).then(function () { fileInput.value = ''; });
  });
  function grow() {  // the composer grows with its text, up to four lines
    input.style.height = '';
    if (input.scrollHeight > input.clientHeight) input.style.height = Math.min(input.scrollHeight + 2, 96) + 'px';
  }
  sendButton.addEventListener('click', function () {
    var t = input.value;
    if (mode === 'offline') {  // the text stays until the form is accepted
      startFromForm(t.trim()).then(function (ok) { if (ok) { input.value = ''; grow(); } });
      return;
    }
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
    readConfig();
    if (attr('data-open', '') === 'true') open();
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);

  window.ParleyWidget = {
    open: open,
    close: close,
    send: send,
    attach: attach,
    state: function () {
      return {
        channel: channel, server: server, chat: saved.chat || null, visitor: saved.visitor || null,
        mode: mode, online: config ? config.online : null, title: titleEl.textContent,
        queue: queue, queueText: queueEl.style.display === 'none' ? null : queueEl.textContent,
        formError: formError.textContent || null, leftMessage: leftMessage,
        state: chatState, agent: agentName, streaming: !!stream && stream.readyState === 1,
        agentTyping: agentTyping ? typingEl.textContent : null,
        earlier: earlierShown,
        messages: order.map(function (id) {
          var d = items[id].data;
          return { id: id, from: d.from, name: d.name || null, text: d.text, delivery: d.delivery || null,
                   pending: !!d.pending, failed: !!d.failed,
                   files: (d.attachments || []).map(function (f) { return f.name; }) };
        })
      };
    }
  };
})();
