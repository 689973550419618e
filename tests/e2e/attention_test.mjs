// web.e2e.attention: alerts and the composer's own text area, against the real parley-server. The page's
// Notification and AudioContext are recording stand-ins (installed before the page's scripts), so the
// test sees every notification and tone the workspace asks the browser for. The agent's settings come
// from the server (GET /api/v1/me/settings); the composer takes pasted text and files, Shift+Enter,
// and typing at 30 characters per second arrives complete and in order. Prints the latencies measured.
import fs from 'node:fs';

import { Http } from './lib/http.mjs';
import { runTest } from './lib/harness.mjs';
import { startParleyServer } from './lib/parley_server.mjs';
import { sleep, waitFor } from './lib/wait.mjs';
import { Workspace } from './lib/workspace.mjs';

const adminPassword = 'e2e-admin-password';
const agent = { agent: 'ana', name: 'Ana Ortiz', nickname: 'Ana', groups: ['front', 'routed'], roles: ['operator'] };
const login = { login: 'ana.ortiz', password: 'ana-e2e-password' };

// Runs in the page before its scripts: records notifications, permission requests and tones.
function recorders() {
  const seen = { notifications: [], permissionRequests: 0, tones: 0, contexts: 0, commands: [], keys: [] };
  window.__seen = seen;
  class RecordingNotification {
    constructor(title, options) { seen.notifications.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' }); }
    close() {}
    static requestPermission() { seen.permissionRequests += 1; return Promise.resolve('granted'); }
  }
  RecordingNotification.permission = 'granted';
  window.Notification = RecordingNotification;
  class RecordingAudioContext {
    constructor() { seen.contexts += 1; this.currentTime = 0; this.state = 'running'; this.destination = {}; }
    resume() { return Promise.resolve(); }
    createOscillator() {
      return { type: 'sine', frequency: { setValueAtTime() {} }, connect() {}, start() { seen.tones += 1; }, stop() {} };
    }
    createGain() {
      return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect() {} };
    }
  }
  window.AudioContext = RecordingAudioContext;
  // Links the workspace opens (recorded, not followed: the test has no network).
  seen.opened = [];
  window.open = (url, target, features) => { seen.opened.push({ url: String(url), target, features }); return null; };
  // When each command reached the server and was stored (its 200 answer), for the latency figures.
  const realFetch = window.fetch.bind(window);
  window.fetch = (url, init) => {
    const started = performance.now();
    const result = realFetch(url, init);
    if (String(url).includes('api/v1/commands') && init?.body)
      result.then((r) => seen.commands.push({ started, answered: performance.now(), status: r.status, body: init.body }));
    return result;
  };
  // Keypress → the frame that shows the character: the next animation frame after the text area's input.
  window.addEventListener('keydown', (e) => {
    if (e.target?.id === 'composer-input') seen.keys.push({ key: e.key, down: performance.now(), shown: 0 });
  }, true);
  window.addEventListener('input', (e) => {
    const last = seen.keys[seen.keys.length - 1];
    if (e.target?.id === 'composer-input' && last && !last.shown)
      requestAnimationFrame(() => { last.shown = performance.now(); });
  }, true);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};

// The run's name carries the viewport, so two runs keep their own artifacts.
const argAfter = (flag) => { const i = process.argv.indexOf(flag); return i > 0 ? process.argv[i + 1] : undefined; };
const testName = `web.e2e.attention.${argAfter('--width') ?? 1440}x${argAfter('--height') ?? 900}`;

await runTest(testName, { deadlineMs: 140000, required: ['server', 'site', 'chromium', 'artifacts'] }, async (t) => {
  const viewport = { width: Number(t.args.width ?? 1440), height: Number(t.args.height ?? 900) };
  t.step('starting parley-server');
  const server = await startParleyServer({
    binary: t.args.server, site: t.args.site, env: { PARLEY_ADMIN_PASSWORD: adminPassword },
  });
  t.onCleanup(() => server.stop());
  t.onFailure(() => fs.writeFileSync(t.artifact(`${testName}.server.log`), server.log()));

  t.step('admin: a group where sessions wait, a routed one, the agent, two widget channels');
  const anonymous = new Http(server.url);
  const { token: adminToken } = await anonymous.expect(200, 'POST', '/api/v1/auth/login',
                                                       { login: 'admin', password: adminPassword });
  const admin = new Http(server.url, adminToken);
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'front', name: 'Front desk', settings: { routing: 'accept' } });
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'routed', name: 'Routed', settings: { routing: 'auto' } });
  await admin.expect(201, 'POST', '/api/v1/agents', agent);
  await admin.expect(201, 'POST', '/api/v1/users', { ...login, roles: ['operator'], agent: agent.agent });
  for (const [id, group] of [['site', 'front'], ['shop', 'routed']])
    await admin.expect(201, 'POST', '/api/v1/channels', { id, kind: 'widget', name: id, group, origins: ['*'] });

  t.step('the agent keeps settings with the login: reminders every 2 s');
  const { token: agentToken } = await anonymous.expect(200, 'POST', '/api/v1/auth/login', login);
  const me = new Http(server.url, agentToken);
  await me.expect(200, 'PUT', '/api/v1/me/settings', { attention: { repeat_seconds: 2, volume: 40 } });

  const deviceScaleFactor = Number(t.args.dpr ?? 1);
  const ws = await Workspace.launch({ chromium: t.args.chromium, viewport, deviceScaleFactor, initScript: recorders,
                                      permissions: ['clipboard-read', 'clipboard-write'] });
  t.onCleanup(() => ws.close());
  t.onFailure(async () => {
    ws.saveConsole(t.artifact(`${testName}.console.log`));
      await ws.screenshot(t.artifact(`${testName}.failed.png`));
  });
  await ws.load(`${server.url}/`);
  const seen = () => ws.page.evaluate(() => JSON.parse(JSON.stringify(window.__seen)));

  await ws.until('the login screen', (s) => s.screen === 'login');
  await ws.typeInto('login.user', login.login);
  await ws.typeInto('login.password', login.password);
  await ws.click('login.submit');
  await ws.until('the workspace', (s) => s.screen === 'workspace' && s.stats);
  await ws.click('status.online');
  await ws.until('online and live', (s) => s.stats.status === 'online' && s.link === 'live');

  t.step('a customer waits in the agent\'s group: a notification and a tone');
  const waiting = await anonymous.expect(201, 'POST', '/widget/v1/site/sessions', { name: 'Carla Customer' });
  await new Http(server.url, waiting.token).expect(200, 'POST', '/widget/v1/messages', { text: 'Is anyone there?', client_msg_id: 'w1' });
  const note = await waitFor('a notification about the waiting session',
                             async () => (await seen()).notifications.find((n) => n.title.includes('Carla Customer')),
                             { timeoutMs: 10000, show: seen });
  // The session may be seen before its first message (the body is then empty), never with another text.
  if (!note.title.startsWith('Waiting:') || !['', 'Is anyone there?'].includes(note.body))
    throw new Error(`unexpected notification ${JSON.stringify(note)}`);
  await waitFor('a tone', async () => (await seen()).tones > 0, { timeoutMs: 5000, show: seen });
  if ((await ws.page.title()) !== 'Parley') throw new Error(`the title counts a waiting session for an operator: ${await ws.page.title()}`);

  t.step('a session routed to the agent: an alert, the title counts it, and reminders repeat while it is unread');
  const routed = await anonymous.expect(201, 'POST', '/widget/v1/shop/sessions', { name: 'Dario Buyer' });
  const dario = new Http(server.url, routed.token);
  await dario.expect(200, 'POST', '/widget/v1/messages', { text: 'My order is late', client_msg_id: 'r1' });
  await waitFor('an assignment notification', async () => (await seen()).notifications.find((n) => n.title === 'Yours: #2 Dario Buyer'),
                { timeoutMs: 10000, show: seen });
  await waitFor('the title "(1) Parley"', async () => (await ws.page.title()) === '(1) Parley', { timeoutMs: 5000,
                show: () => ws.page.title() });
  const icon = await ws.page.evaluate(() => document.querySelector('link[rel="icon"]').href);
  if (!icon.startsWith('data:image/png')) throw new Error(`the favicon is not drawn: ${icon.slice(0, 40)}`);
  const before = (await seen()).notifications.length;
  await waitFor('two reminders', async () => (await seen()).notifications.filter((n) => n.title.startsWith('Unread:')).length >= 2,
                { timeoutMs: 10000, show: seen });
  if ((await seen()).notifications.length < before + 2) throw new Error('reminders did not add notifications');

  t.step('opening the session reads it: the count and the reminders stop');
  await ws.click('tab.mine');
  await ws.click(`chat.${routed.chat}`);
  await waitFor('the title back to "Parley"', async () => (await ws.page.title()) === 'Parley', { timeoutMs: 5000,
                show: () => ws.page.title() });
  const afterRead = (await seen()).notifications.length;
  await sleep(3000);
  if ((await seen()).notifications.length !== afterRead) throw new Error('reminders went on after the session was read');

  t.step('the composer is a text area over its place on the canvas');
  const [x, y, w, h] = (await ws.widget('composer.input'));
  const box = await ws.page.evaluate(() => {
    const r = document.getElementById('composer-input').getBoundingClientRect();
    return [r.x, r.y, r.width, r.height];
  });
  if ([x, y, w, h].some((v, i) => Math.abs(v - box[i]) > 1.5))
    throw new Error(`the text area ${JSON.stringify(box)} is not over the composer ${JSON.stringify([x, y, w, h])}`);

  t.step('paste of text (Ctrl+V), then Shift+Enter, typing, Enter');
  await ws.focus('composer.input');
  await ws.page.evaluate(() => navigator.clipboard.writeText('Pasted: order 4711'));
  await ws.press('Control+V');
  await ws.press('Shift+Enter');
  await ws.page.keyboard.type('second line', { delay: 20 });
  await ws.press('Enter');
  const messages = async () => (await dario.get('/widget/v1/messages?after=0')).messages.filter((m) => m.from === 'agent');
  await waitFor('the two-line reply at the widget', async () => (await messages()).find((m) => m.text === 'Pasted: order 4711\nsecond line'),
                { timeoutMs: 10000, show: messages });

  t.step('paste of a file: it is uploaded and sent with the next message');
  await ws.page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['hello from the clipboard'], 'note.txt', { type: 'text/plain' }));
    const area = document.getElementById('composer-input');
    area.focus();
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await ws.widget('composer.attachment.0');
  await ws.page.keyboard.type('see the note', { delay: 20 });
  await ws.press('Enter');
  await waitFor('the message with the pasted file', async () => (await messages()).find(
    (m) => m.text === 'see the note' && m.attachments?.[0]?.name === 'note.txt'), { timeoutMs: 10000, show: messages });

  t.step('typing at 30 characters per second: every message complete and in order');
  await ws.page.evaluate(() => { window.__seen.keys = []; window.__seen.commands = []; });
  const typed = [];
  for (let i = 0; i < 12; ++i) {
    const text = `Reply ${i + 1}: ${'the parcel ships today, tracking follows'.slice(0, 14 + i)}`;
    typed.push(text);
    await ws.page.keyboard.type(text, { delay: 1000 / 30 });
    await ws.press('Enter');
  }
  await waitFor('all twelve replies at the widget, in order', async () => {
    const texts = (await messages()).map((m) => m.text);
    const tail = texts.slice(-typed.length);
    return JSON.stringify(tail) === JSON.stringify(typed) ? tail : null;
  }, { timeoutMs: 15000, show: messages });
  const record = await seen();
  const shown = record.keys.filter((k) => k.key.length === 1 && k.shown).map((k) => k.shown - k.down);
  const enters = record.keys.filter((k) => k.key === 'Enter');
  const stored = enters.map((k) => {
    const c = record.commands.find((c) => c.started >= k.down && c.status === 200 && c.body.includes('"message.send"'));
    return c ? c.answered - k.down : NaN;
  }).filter((v) => !Number.isNaN(v));
  if (stored.length !== typed.length) throw new Error(`${stored.length} of ${typed.length} sends measured`);
  const fmt = (v) => v.toFixed(1);
  t.step(`FIGURES ${viewport.width}x${viewport.height} DPR ${deviceScaleFactor}: keypress→shown p50 ${fmt(percentile(shown, 50))} ms p95 ${fmt(percentile(shown, 95))} ms (n=${shown.length}); ` +
         `Enter→stored p50 ${fmt(percentile(stored, 50))} ms p95 ${fmt(percentile(stored, 95))} ms (n=${stored.length})`);

  t.step('a link and an image: the link opens in a new tab without this page, the reading view previews the image');
  await ws.page.keyboard.type('Track it at https://example.com/t/4711.', { delay: 5 });
  await ws.press('Enter');
  await ws.page.evaluate(() => {
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFUlEQVR4nGP4z8DAAMIMDP////8PACHtBft+PDzTAAAAAElFTkSuQmCC'),
                                (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([png], 'label.png', { type: 'image/png' }));
    document.getElementById('composer-input').dispatchEvent(
      new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await ws.widget('composer.attachment.0');
  await ws.press('Enter');
  await waitFor('the dropped image at the widget', async () => (await messages()).find(
    (m) => m.attachments?.[0]?.name === 'label.png'), { timeoutMs: 10000, show: messages });
  await sleep(500);  // the timeline settles at its bottom
  await ws.click('message.link');
  const opened = await waitFor('the link opened', async () => (await seen()).opened[0], { timeoutMs: 5000,
                               show: async () => ({ opened: (await seen()).opened, link: (await ws.snapshot()).widgets['message.link'] }) });
  if (opened.url !== 'https://example.com/t/4711' || opened.target !== '_blank' || !/noopener/.test(opened.features))
    throw new Error(`the link opened as ${JSON.stringify(opened)}`);

  t.step('the reading view: message text is page text a triple click selects; links and the preview are there');
  await ws.click('chat.reader');
  const reader = await waitFor('the reading view with the image loaded', () => ws.page.evaluate(() => {
    const panel = document.getElementById('timeline-text');
    const img = panel?.querySelector('img');
    return panel && panel.style.display === 'block' && img?.complete && img.naturalWidth === 2 &&
      { links: [...panel.querySelectorAll('a')].map((a) => [a.href, a.target, a.rel]) };
  }), { timeoutMs: 10000, show: () => ws.page.evaluate(() => {
    const panel = document.getElementById('timeline-text');
    const img = panel?.querySelector('img');
    return { panel: !!panel, shown: panel?.style.display, img: img && [img.src.slice(0, 30), img.complete, img.naturalWidth] };
  }) });
  if (!reader.links.some(([href, target, rel]) => href === 'https://example.com/t/4711' && target === '_blank' && /noopener/.test(rel)))
    throw new Error(`reading view links ${JSON.stringify(reader.links)}`);
  const line = await ws.page.evaluate(() => {
    const item = [...document.querySelectorAll('#timeline-text .message div')].find((d) => d.textContent === 'My order is late');
    item.scrollIntoView({ block: 'center' });
    const r = item.getBoundingClientRect();
    return [r.x + 20, r.y + r.height / 2];
  });
  await ws.page.mouse.click(line[0], line[1], { clickCount: 3 });
  const selected = await ws.page.evaluate(() => window.getSelection().toString().trim());
  if (selected !== 'My order is late') throw new Error(`a triple click selected "${selected}"`);
  await ws.screenshot(t.artifact(`${testName}.reader.png`));
  await ws.press('Escape');
  await ws.until('the reading view closed', (s) => !s.widgets['chat.reader.view']);

  t.step('switching notifications off in Alerts… keeps it with the login on the server');
  await ws.click('alerts.open');
  await ws.click('alerts.notify');
  await waitFor('notify off in /api/v1/me/settings', async () => (await me.get('/api/v1/me/settings')).attention?.notify === false,
                { timeoutMs: 5000, show: () => me.get('/api/v1/me/settings') });
  const kept = (await me.get('/api/v1/me/settings')).attention;
  if (kept.repeat_seconds !== 2 || kept.volume !== 40) throw new Error(`the other settings changed: ${JSON.stringify(kept)}`);
  await ws.click('alerts.close');

  t.step("Ctrl+K from the composer reaches the workspace: the command palette's field takes the keyboard");
  await ws.focus('composer.input');
  await ws.press('Control+K');
  await waitFor('the canvas\'s text input focused', () => ws.page.evaluate(() => document.activeElement?.id === 'text-input'),
                { timeoutMs: 5000 });

  await ws.screenshot(t.artifact(`${testName}.dpr${deviceScaleFactor}.png`));
});
