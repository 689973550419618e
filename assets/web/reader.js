// The reading view (window.parleyReader): a session's messages as page text laid over the canvas's
// timeline, so the browser selects, copies and finds them; links open in a new tab without handing
// this page to them; image files show as previews. Built with text nodes only (nothing is parsed as HTML).
(function () {
  'use strict';
  var panel = null, shownData = '', placed = false, hooks = null, previews = {};

  function create() {
    panel = document.createElement('div');
    panel.id = 'timeline-text';
    panel.setAttribute('role', 'log');
    panel.setAttribute('aria-label', 'Messages');
    panel.tabIndex = -1;
    var s = panel.style;
    s.position = 'fixed';
    s.display = 'none';
    s.boxSizing = 'border-box';
    s.overflowY = 'auto';
    s.padding = '8px 12px';
    s.background = '#1e1e24';
    s.color = '#e6e6ea';
    s.font = '14px/1.45 "DejaVu Sans", Verdana, system-ui, sans-serif';
    s.userSelect = 'text';
    s.cursor = 'text';
    s.outline = 'none';
    document.body.appendChild(panel);
    panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && hooks) { e.preventDefault(); hooks.close(); }
    });
    // Keys here are the page's (copy, find, select): the canvas's handlers do not see them.
    ['keydown', 'keypress', 'keyup'].forEach(function (type) {
      window.addEventListener(type, function (e) {
        if (panel && panel.contains(e.target) && e.key !== 'Escape') e.stopImmediatePropagation();
      }, true);
    });
  }

  function preview(file, page, token) {
    var img = document.createElement('img');
    img.alt = file.name;
    img.style.cssText = 'display:block;max-width:min(320px,100%);max-height:240px;margin:4px 0;border-radius:4px;';
    var show = function (url) { img.src = url; };
    if (previews[file.id]) show(previews[file.id]);
    else if (page) {
      var kept = (window.Module && Module.parleyFiles || {})[file.id];
      if (kept) show(previews[file.id] = URL.createObjectURL(kept));
    } else {
      fetch('api/v1/attachments/' + encodeURIComponent(file.id), { headers: { 'Authorization': 'Bearer ' + token } })
        .then(function (r) { return r.ok ? r.blob() : null; })
        .then(function (blob) { if (blob) show(previews[file.id] = URL.createObjectURL(blob)); })
        .catch(function () {});
    }
    return img;
  }

  function fill(data, page, token) {
    var atBottom = panel.scrollTop + panel.clientHeight >= panel.scrollHeight - 4;
    panel.textContent = '';
    var head = document.createElement('div');
    head.textContent = data.title + (data.earlier ? ' — the latest ' + data.messages.length + ' messages' : '');
    head.style.cssText = 'font-weight:bold;margin-bottom:8px;color:#9a9aa5;';
    panel.appendChild(head);
    data.messages.forEach(function (m) {
      var item = document.createElement('div');
      item.className = 'message';
      item.style.margin = '0 0 10px 0';
      var who = document.createElement('div');
      who.textContent = m.who + '  ' + m.at;
      who.style.color = m.client ? '#6eaaff' : m.mine ? '#5ac878' : '#c8aaff';
      who.style.fontSize = '12px';
      item.appendChild(who);
      var text = document.createElement('div');
      text.style.whiteSpace = 'pre-wrap';
      text.style.overflowWrap = 'anywhere';
      m.runs.forEach(function (run) {
        if (!run[1]) { text.appendChild(document.createTextNode(run[0])); return; }
        var a = document.createElement('a');
        a.textContent = run[0];
        a.href = run[1];
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        a.style.color = '#8cc4ff';
        text.appendChild(a);
      });
      item.appendChild(text);
      m.files.forEach(function (f) {
        if (/^image\/(png|jpeg|gif|webp|bmp)$/.test(f.type)) item.appendChild(preview(f, page, token));
        var line = document.createElement('div');
        line.textContent = '▤ ' + f.name + ' · ' + f.size;
        line.style.color = '#9a9aa5';
        item.appendChild(line);
      });
      panel.appendChild(item);
    });
    if (atBottom || !shownData) panel.scrollTop = panel.scrollHeight;
  }

  window.parleyReader = {
    // hooks: {close()}
    setHooks: function (h) { hooks = h; },
    show: function (x, y, w, h, displayWidth, covered, json, page, token, holes) {
      if (!panel) create();
      placed = true;
      if (window.parleyPlaceOverCanvas(panel, x, y, w, h, displayWidth, covered, holes) !== null)
        panel.style.display = covered ? 'none' : 'block';
      if (json && json !== shownData) {
        var first = !shownData;
        fill(JSON.parse(json), page, token);
        shownData = json;
        if (first) panel.focus({ preventScroll: true });
      }
    },
    hide: function () {
      if (!panel || !placed) return;
      placed = false;
      window.parleyPlaceOverCanvas.forget(panel);
      shownData = '';
      panel.style.display = 'none';
      panel.textContent = '';
    },
    open: function (url) {
      var opened = window.open(url, '_blank', 'noopener,noreferrer');
      if (opened) opened.opener = null;
    }
  };
})();
