// The browser side of the workspace's alerts (window.parleyAttention): a chime generated with WebAudio,
// browser notifications, and the unread count in the tab title and a favicon drawn on a canvas. It only
// carries out what the app decided from its replica (web_client/attention.cpp); it decides nothing.
(function () {
  'use strict';
  var audio = null, lastChime = 0, count = -1, baseTitle = document.title || 'Parley';
  var wantPermission = false;

  function context() {
    var Ctor = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctor) {
      try { audio = new Ctor(); } catch (e) { audio = null; }
    }
    return audio;
  }

  // Browsers start audio and ask for permissions only after the user did something on the page.
  function onGesture() {
    var ctx = context();
    if (ctx && ctx.state === 'suspended' && ctx.resume) ctx.resume().catch(function () {});
    if (wantPermission && window.Notification && Notification.permission === 'default') {
      wantPermission = false;
      try { Promise.resolve(Notification.requestPermission()).catch(function () {}); } catch (e) {}
    }
  }
  window.addEventListener('pointerdown', onGesture, true);
  window.addEventListener('keydown', onGesture, true);

  // Two short sine tones, rising for something new, the same pitch for a reminder.
  function chime(volume, reminder) {
    var ctx = context();
    if (!ctx || volume <= 0) return;
    var now = Date.now();
    if (now - lastChime < 1000) return;  // a burst of sessions sounds once
    lastChime = now;
    var gainPeak = Math.min(1, volume / 100) * 0.4, t = ctx.currentTime + 0.01;
    [[660, 0], [reminder ? 660 : 880, 0.16]].forEach(function (tone) {
      var osc = ctx.createOscillator(), gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.setValueAtTime(tone[0], t + tone[1]);
      gain.gain.setValueAtTime(0.0001, t + tone[1]);
      gain.gain.exponentialRampToValueAtTime(gainPeak, t + tone[1] + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + tone[1] + 0.3);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(t + tone[1]);
      osc.stop(t + tone[1] + 0.32);
    });
  }

  function notify(title, body, tag) {
    if (!window.Notification || Notification.permission !== 'granted') return;
    try {
      var n = new Notification(title, { body: body, tag: tag || 'parley', silent: true });
      n.onclick = function () { window.focus(); n.close(); };
    } catch (e) { /* some browsers allow notifications only from a service worker */ }
  }

  // A round badge: the count on red, or the desk's "P" on blue when nothing waits for the agent.
  function favicon(n) {
    var link = document.querySelector('link[rel="icon"]');
    if (!link) {
      link = document.createElement('link');
      link.rel = 'icon';
      document.head.appendChild(link);
    }
    var canvas = document.createElement('canvas');
    canvas.width = canvas.height = 32;
    var g = canvas.getContext('2d');
    if (!g) return;
    g.fillStyle = n > 0 ? '#d93a32' : '#3b6fd8';
    g.beginPath();
    g.arc(16, 16, 15, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#ffffff';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.font = 'bold ' + (n > 99 ? 13 : n > 9 ? 17 : 20) + 'px sans-serif';
    g.fillText(n > 99 ? '99+' : n > 0 ? String(n) : 'P', 16, 17);
    link.href = canvas.toDataURL('image/png');
  }

  window.parleyAttention = {
    // One alert the app decided on: kind 'waiting' | 'assigned' | 'reminder' | 'mention' | 'sla_breach'.
    alert: function (kind, title, body, tag, sound, show, volume) {
      if (sound) chime(volume, kind === 'reminder');
      if (show) notify(title, body, tag);
    },
    // The count the app shows (0: none); the title keeps its own text after it.
    setCount: function (n) {
      if (n === count) return;
      count = n;
      document.title = n > 0 ? '(' + n + ') ' + baseTitle : baseTitle;
      favicon(n);
    },
    // Notifications are wanted: ask for the permission at the user's next click or key.
    wantNotifications: function () {
      if (window.Notification && Notification.permission === 'default') wantPermission = true;
    },
    permission: function () { return window.Notification ? Notification.permission : 'unsupported'; }
  };
})();
