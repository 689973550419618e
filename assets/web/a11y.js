// The workspace for screen readers (window.parleyA11y): a polite live region for announcements, and
// a visually hidden mirror of the session list (buttons that open a session), of the open session's
// messages and missed SLA deadlines (a log) and of the Reports screen's tables (real tables; each
// cell's data-value is the report's own JSON value), kept by the app. Built with text nodes only (nothing is parsed as HTML).
(function () {
  'use strict';
  var root = null, live = null, nav = null, log = null, reportsBox = null, hooks = null, shown = '', reportsShown = '';

  var hidden = 'position:absolute;left:0;top:0;width:1px;height:1px;margin:-1px;padding:0;border:0;' +
               'overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;';

  function create() {
    root = document.createElement('div');
    root.id = 'a11y';
    var style = document.createElement('style');
    style.textContent =
      '#a11y .a11y-hidden{' + hidden + '}' +
      // A keyboard user who tabs into the mirror sees where they are.
      '#a11y nav:focus-within{position:fixed;left:8px;top:8px;z-index:10;max-height:60vh;overflow:auto;' +
      'background:#fff;color:#111;padding:8px;border:2px solid #1459c7;font:14px system-ui,sans-serif;}' +
      '#a11y nav:focus-within ul{list-style:none;margin:0;padding:0;}';
    root.appendChild(style);
    live = document.createElement('div');
    live.id = 'a11y-live';
    live.className = 'a11y-hidden';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('aria-atomic', 'true');
    root.appendChild(live);
    nav = document.createElement('nav');
    nav.id = 'a11y-sessions';
    nav.setAttribute('aria-label', 'Sessions');
    nav.className = 'a11y-hidden';
    root.appendChild(nav);
    log = document.createElement('section');
    log.id = 'a11y-timeline';
    log.setAttribute('role', 'log');
    log.setAttribute('aria-label', 'Session messages');
    log.className = 'a11y-hidden';
    log.tabIndex = -1;
    root.appendChild(log);
    reportsBox = document.createElement('section');
    reportsBox.id = 'a11y-reports';
    reportsBox.setAttribute('aria-label', 'Reports');
    reportsBox.className = 'a11y-hidden';
    root.appendChild(reportsBox);
    document.body.appendChild(root);
    nav.addEventListener('focusin', function () { nav.classList.remove('a11y-hidden'); });
    nav.addEventListener('focusout', function (e) {
      if (!nav.contains(e.relatedTarget)) nav.classList.add('a11y-hidden');
    });
    // A click on the canvas leaves the mirror (the canvas keeps the focus from moving by itself).
    document.addEventListener('mousedown', function (e) {
      if (root.contains(document.activeElement) && !root.contains(e.target)) document.activeElement.blur();
    }, true);
    // Keys here are the page's (Enter, Space, Tab on the buttons): the canvas's handlers do not see them.
    ['keydown', 'keypress', 'keyup'].forEach(function (type) {
      window.addEventListener(type, function (e) {
        if (root.contains(e.target)) e.stopImmediatePropagation();
      }, true);
    });
  }

  function heading(text) {
    var h = document.createElement('h2');
    h.textContent = text;
    return h;
  }

  function fillSessions(data) {
    nav.textContent = '';
    nav.appendChild(heading(data.list + ' (' + data.total + ')'));
    var list = document.createElement('ul');
    data.sessions.forEach(function (row) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = row.label;
      button.dataset.chat = row.id;
      if (row.current) button.setAttribute('aria-current', 'true');
      button.addEventListener('click', function () {
        if (hooks) hooks.select(row.id);
        log.focus({ preventScroll: true });  // on to the session's messages
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    nav.appendChild(list);
  }

  function fillTimeline(data) {
    log.textContent = '';
    if (!data.chat) {
      log.appendChild(heading('No session open'));
      return;
    }
    log.appendChild(heading(data.title));
    var list = document.createElement('ol');
    data.messages.forEach(function (m) {
      var item = document.createElement('li');
      if (m.sla) item.dataset.sla = m.id;  // a missed SLA deadline among the messages
      else item.dataset.message = m.id;
      item.textContent = m.who + ', ' + m.at + ': ' + m.text;
      list.appendChild(item);
    });
    log.appendChild(list);
  }

  function fillReports(data) {
    reportsBox.textContent = '';
    if (!data.open) return;
    reportsBox.appendChild(heading('Reports'));
    if (data.status) {
      var status = document.createElement('p');
      status.textContent = data.status;
      reportsBox.appendChild(status);
    }
    data.tables.forEach(function (t) {
      var table = document.createElement('table');
      table.dataset.report = t.id;
      var caption = document.createElement('caption');
      caption.textContent = t.caption;
      table.appendChild(caption);
      var head = document.createElement('thead'), headRow = document.createElement('tr');
      t.columns.forEach(function (c) {
        var th = document.createElement('th');
        th.scope = 'col';
        th.textContent = c.label;
        th.title = c.tip;
        th.dataset.field = c.field;
        headRow.appendChild(th);
      });
      head.appendChild(headRow);
      table.appendChild(head);
      var body = document.createElement('tbody');
      t.rows.forEach(function (r) {
        var tr = document.createElement('tr');
        tr.dataset.key = r.key;
        r.cells.forEach(function (cell, i) {
          var td = document.createElement(i === 0 ? 'th' : 'td');
          if (i === 0) td.scope = 'row';
          td.textContent = cell.text;
          td.dataset.field = t.columns[i].field;
          td.dataset.value = cell.value;
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      table.appendChild(body);
      reportsBox.appendChild(table);
    });
  }

  window.parleyA11y = {
    setHooks: function (h) { hooks = h; },
    mirror: function (json) {
      if (!root) create();
      if (json === shown) return;
      shown = json;
      var data;
      try { data = JSON.parse(json); } catch (e) { return; }
      var focused = document.activeElement && nav.contains(document.activeElement)
        ? document.activeElement.dataset.chat : null;
      fillSessions(data);
      fillTimeline(data);
      if (focused) {
        var again = nav.querySelector('button[data-chat="' + CSS.escape(focused) + '"]');
        if (again) again.focus({ preventScroll: true });
      }
    },
    reports: function (json) {
      if (!root) create();
      if (json === reportsShown) return;
      reportsShown = json;
      var data;
      try { data = JSON.parse(json); } catch (e) { return; }
      fillReports(data);
    },
    announce: function (text) {
      if (!root) create();
      // A changed text is read; the same sentence twice needs the region emptied first.
      live.textContent = '';
      setTimeout(function () { live.textContent = text; }, 30);
    },
    text: function () { return live ? live.textContent : ''; }
  };
  if (document.body) create();
  else document.addEventListener('DOMContentLoaded', create);
})();
