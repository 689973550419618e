// The composer as the browser's own <textarea> (window.parleyTextInput), laid each frame over the place
// the workspace reserves for it on the canvas: typing, IME composition, paste, drag and drop, spell-check
// and undo never wait for a frame. The app sets hooks to hear about input, Enter and handed files; keys
// typed here stop before the canvas's key handlers (this script runs before the app registers them).
(function () {
  'use strict';
  var ta = null, hooks = null, shown = false;

  function utf8Bytes(text) {
    var n = 0;
    for (var i = 0; i < text.length; ++i) {
      var c = text.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length) { n += 4; ++i; }
      else n += 3;
    }
    return n;
  }
  // The string index at `bytes` UTF-8 bytes into `text` (never inside a character).
  function indexAtBytes(text, bytes) {
    var n = 0, i = 0;
    while (i < text.length && n < bytes) {
      var c = text.charCodeAt(i);
      var pair = c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length;
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
      i += pair ? 2 : 1;
    }
    return i;
  }
  function poke() { if (window.Module) window.Module.parleyActive = true; }
  // The app asks for a frame itself when the canvas has to change; plain typing needs none.
  function report() {
    if (hooks) hooks.input(ta.value, utf8Bytes(ta.value.slice(0, ta.selectionStart)));
  }
  function hand(list) {
    var files = Array.prototype.slice.call(list || []);
    if (!files.length || !hooks || ta.disabled) return false;
    poke();
    hooks.files(files);
    return true;
  }
  function submit() {
    if (!hooks) return;
    poke();
    if (hooks.submit(ta.value)) {
      ta.value = '';
      report();
    }
  }
  function insertLine() {
    if (!document.execCommand('insertText', false, '\n')) ta.setRangeText('\n', ta.selectionStart, ta.selectionEnd, 'end');
    report();
  }

  function create() {
    ta = document.createElement('textarea');
    ta.id = 'composer-input';
    ta.setAttribute('aria-label', 'Message');
    ta.spellcheck = true;
    ta.autocomplete = 'off';
    var s = ta.style;
    s.position = 'fixed';
    s.display = 'none';
    s.boxSizing = 'border-box';
    s.margin = '0';
    s.border = '0';
    s.outline = 'none';
    s.resize = 'none';
    s.background = 'transparent';
    s.overflowY = 'auto';
    s.whiteSpace = 'pre-wrap';
    s.overflowWrap = 'anywhere';
    s.fontFamily = '"DejaVu Sans", Verdana, system-ui, sans-serif';
    document.body.appendChild(ta);
    ['input', 'select', 'keyup', 'click', 'compositionend'].forEach(function (t) {
      ta.addEventListener(t, function (e) { if (t !== 'input' || !e.isComposing) report(); });
    });
    ta.addEventListener('paste', function (e) {
      var data = e.clipboardData;
      if (data && data.files && data.files.length && hand(data.files)) e.preventDefault();
    });
    ta.addEventListener('dragover', function (e) {
      if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], 'Files') >= 0) e.preventDefault();
    });
    ta.addEventListener('drop', function (e) {
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
        e.preventDefault();
        hand(e.dataTransfer.files);
      }
    });
    ta.addEventListener('focus', function () { poke(); if (hooks) hooks.focus(); });
  }

  // Keys typed in the text area are the text area's: the canvas's key handlers do not see them, but
  // for the workspace's shortcuts (Escape, Ctrl/Cmd + a letter other than the editing ones, Alt + a
  // letter or Up/Down) and the modifier keys themselves, whose state the shortcuts read.
  var modifiers = ['Control', 'Meta', 'Shift', 'Alt'];
  function altShortcut(e) {
    return e.altKey && !e.ctrlKey && !e.metaKey && /^(Key[A-Z]|ArrowUp|ArrowDown)$/.test(e.code || '');
  }
  function workspaceKey(e) {
    return e.key === 'Escape' || modifiers.indexOf(e.key) >= 0 || altShortcut(e) ||
           ((e.ctrlKey || e.metaKey) && e.key.length === 1 && !/[acvxyz]/i.test(e.key));
  }
  ['keydown', 'keypress', 'keyup'].forEach(function (type) {
    window.addEventListener(type, function (e) {
      if (!ta || e.target !== ta) return;
      if (altShortcut(e) && type !== 'keyup') e.preventDefault();  // Option+letter types no character
      if (workspaceKey(e)) { poke(); return; }
      e.stopImmediatePropagation();
      if (type !== 'keydown' || e.key !== 'Enter' || e.isComposing || e.keyCode === 229) return;
      if (e.shiftKey || e.altKey) return;  // the text area's own new line
      e.preventDefault();
      if (e.ctrlKey || e.metaKey) insertLine();
      else submit();
    }, true);
  });
  // A click on the canvas is the canvas's: the text area lets go of the keyboard.
  window.addEventListener('mousedown', function (e) {
    if (ta && e.target !== ta && document.activeElement === ta) ta.blur();
  }, true);

  window.parleyTextInput = {
    // hooks: {input(text, caretBytes), submit(text) -> bool, files(File[]), focus()}
    setHooks: function (h) { hooks = h; if (!ta) create(); },
    element: function () { return ta; },
    // Lays the text area over the rectangle (x, y, w, h) of a canvas whose app coordinates span
    // `displayWidth`, less the holes where the canvas's windows lie in front of it; padding and font
    // in the same units; colours as CSS.
    place: function (x, y, w, h, displayWidth, padX, padY, fontPx, enabled, covered, placeholder, color, caret, holes) {
      if (!ta) create();
      var k = window.parleyPlaceOverCanvas(ta, x, y, w, h, displayWidth,
                                           [padX, padY, fontPx, enabled, covered, placeholder, color].join('|'), holes);
      shown = true;
      if (k === null) return;
      var s = ta.style;
      s.display = 'block';
      s.padding = (padY * k) + 'px ' + (padX * k) + 'px';
      s.fontSize = (fontPx * k) + 'px';
      s.lineHeight = (fontPx * k * 1.2) + 'px';
      s.color = color;
      s.caretColor = caret;
      s.opacity = covered ? '0' : '1';
      s.pointerEvents = covered ? 'none' : 'auto';
      ta.disabled = !enabled;
      ta.placeholder = placeholder;
    },
    hide: function () {
      if (!ta || !shown) return;
      shown = false;
      window.parleyPlaceOverCanvas.forget(ta);
      if (document.activeElement === ta) ta.blur();
      ta.style.display = 'none';
    },
    // Replaces the text (undoably where the browser allows) and puts the caret at `caretBytes`.
    setText: function (text, caretBytes, focus) {
      if (!ta) create();
      if (ta.value !== text) {
        ta.focus({ preventScroll: true });
        ta.select();
        if (!text || !document.execCommand('insertText', false, text)) ta.value = text;
      }
      var at = indexAtBytes(ta.value, caretBytes);
      ta.setSelectionRange(at, at);
      if (focus) ta.focus({ preventScroll: true });
      report();
    },
    focus: function () { if (ta && !ta.disabled) ta.focus({ preventScroll: true }); }
  };
})();
