// web.e2e.look: customer text in every script shows (CJK, colour emoji, Arabic, Persian, Hebrew,
// Cyrillic, Greek: no glyph missing, checked on the snapshot's coverage), the themes switch and are
// remembered, nothing is cut off at 1024×768, and at device pixel ratio 2 the canvas has twice the
// pixels and its text is sharp. Saves a screenshot of each main screen in both themes.
import fs from 'node:fs';

import { Http } from './lib/http.mjs';
import { runTest } from './lib/harness.mjs';
import { startParleyServer } from './lib/parley_server.mjs';
import { readPng, sharpness } from './lib/png.mjs';
import { sleep } from './lib/wait.mjs';
import { Workspace } from './lib/workspace.mjs';

const adminPassword = 'e2e-admin-password';
const agent = { agent: 'mei', name: 'Mei Lin', nickname: 'Mei', groups: ['world'], roles: ['operator'] };
const login = { login: 'mei.lin', password: 'mei-e2e-password' };
const messages = [
  '你好！我的包裹在哪里？ 谢谢 😀🎉',
  'こんにちは、注文はどこですか？ 한국어도 괜찮아요 👍',
  'مرحبا، أين طلبي؟ رقم الطلب 4711',
  'سلام، سفارش من کجاست؟',
  'שלום, איפה ההזמנה שלי? מספר 4711',
  'Привет! Γειά σου! Zdravo — ❤️ 🚀',
  'Emoji sequences: 👩‍💻 🇩🇪 👍🏽 1️⃣ 👨‍👩‍👧',
];

// A page of its own size and pixel ratio in the test's browser.
async function openPage(ws, { width, height, ratio }) {
  const context = await ws.browser.newContext({ viewport: { width, height }, deviceScaleFactor: ratio });
  ws.page = await context.newPage();
  ws.page.setDefaultTimeout(15000);
  ws.page.on('console', (m) => ws.console.push(`[${m.type()}] ${m.text()}`));
  ws.page.on('pageerror', (e) => ws.console.push(`[pageerror] ${e.message}`));
}

async function signIn(ws) {
  await ws.until('the login screen', (s) => s.screen === 'login');
  await ws.typeInto('login.user', login.login);
  await ws.typeInto('login.password', login.password);
  await ws.click('login.submit');
  await ws.until('the workspace', (s) => s.screen === 'workspace' && s.agent === agent.agent && s.stats);
}

// Every bubble on screen drawn with real glyphs, none still wanted from the browser.
function covered(count) {
  return (s) => s.glyphs && s.glyphs.bubbles >= count && s.glyphs.missing === 0 && s.glyphs.wanted === 0 && s;
}

function inside(ws, name, [x, y, w, h], width, height) {
  if (x < 0 || y < 0 || x + w > width + 0.5 || y + h > height + 0.5)
    throw new Error(`${name} at ${[x, y, w, h]} is outside the ${width}×${height} window`);
}

await runTest('web.e2e.look', { deadlineMs: 140000, required: ['server', 'site', 'chromium', 'artifacts'] }, async (t) => {
  t.step('starting parley-server');
  const server = await startParleyServer({
    binary: t.args.server, site: t.args.site, env: { PARLEY_ADMIN_PASSWORD: adminPassword },
  });
  t.onCleanup(() => server.stop());
  t.onFailure(() => fs.writeFileSync(t.artifact('web.e2e.look.server.log'), server.log()));
  const anonymous = new Http(server.url);
  const { token: adminToken } = await anonymous.expect(200, 'POST', '/api/v1/auth/login',
                                                       { login: 'admin', password: adminPassword });
  const admin = new Http(server.url, adminToken);
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'world', name: 'World Desk', settings: { routing: 'accept' } });
  await admin.expect(201, 'POST', '/api/v1/agents', agent);
  await admin.expect(201, 'POST', '/api/v1/users', { ...login, roles: ['operator'], agent: agent.agent });
  await admin.expect(201, 'POST', '/api/v1/channels',
                     { id: 'site', kind: 'widget', name: 'Website', group: 'world', origins: ['*'] });

  const ws = await Workspace.launch({ chromium: t.args.chromium });
  t.onCleanup(() => ws.close());
  t.onFailure(async () => {
    ws.saveConsole(t.artifact('web.e2e.look.console.log'));
    await ws.screenshot(t.artifact('web.e2e.look.failure.png'));
  });
  const shot = async (name) => {
    await sleep(300);
    await ws.screenshot(t.artifact(`web.e2e.look.${name}.png`));
  };

  t.step('1440×900: the login screen in both themes; the theme is remembered');
  await openPage(ws, { width: 1440, height: 900, ratio: 1 });
  await ws.load(`${server.url}/`);
  await ws.until('the login screen', (s) => s.screen === 'login' && s.theme === 'light');
  await shot('login.light');
  await ws.click('theme.toggle');
  await ws.until('the dark theme', (s) => s.theme === 'dark');
  await shot('login.dark');
  await ws.load(`${server.url}/`);
  await ws.until('the dark theme after a reload', (s) => s.screen === 'login' && s.theme === 'dark');
  await ws.click('theme.toggle');
  await ws.until('the light theme', (s) => s.theme === 'light');

  t.step('agent signs in and goes online; a customer writes in six scripts');
  await signIn(ws);
  await ws.click('status.online');
  await ws.until('status online', (s) => s.stats.status === 'online' && s.link === 'live');
  const session = await anonymous.expect(201, 'POST', '/widget/v1/site/sessions', { name: '王芳 Wang Fang' });
  const customer = new Http(server.url, session.token);
  for (const [i, text] of messages.entries())
    await customer.expect(200, 'POST', '/widget/v1/messages', { text, client_msg_id: `look-${i}` });
  const chatId = session.chat;
  await ws.until('the session queued', (s) => s.chats.find((c) => c.id === chatId && c.state === 'queued'));

  t.step('the queue row shows the last message and the wait; the session shows every script');
  await ws.click('tab.queue');
  const accept = await ws.widget(`chat.accept.${chatId}`);
  inside(ws, 'the Accept button', accept, 1440, 900);
  await ws.click(`chat.${chatId}`);
  await ws.until('the session shown', (s) => s.current === chatId);
  const seen = await ws.until('every script covered by glyphs', covered(messages.length), 20000);
  t.step(`glyphs: ${JSON.stringify(seen.glyphs)}`);
  if (seen.glyphs.failed !== 0) throw new Error(`${seen.glyphs.failed} glyphs could not be drawn`);
  // The five emoji sequences are laid out as one glyph each, not as their parts.
  if (seen.glyphs.sequences < 5) throw new Error(`only ${seen.glyphs.sequences} emoji sequences drawn whole`);
  await shot('session.light');
  await ws.click('chat.accept');
  await ws.until('the session accepted', (s) => s.chats.find((c) => c.id === chatId && c.assignee === agent.agent));

  t.step('the emoji picker: search by name');
  await ws.click('composer.emoji');
  await ws.widget('emoji.search');
  await sleep(400);  // the popup settles where it opens before it is clicked into
  await ws.typeInto('emoji.search', 'rocket');
  await ws.until('a rocket found', (s) => s.widgets['emoji.0'] && !s.widgets['emoji.1']);
  await ws.until('the picker drawn', (s) => s.glyphs.wanted === 0);
  await shot('emoji.light');
  await ws.click('emoji.0');
  await ws.until('the picker closed', (s) => !s.widgets['emoji.0']);

  t.step('dark theme: the session and the queue');
  await ws.click('theme.toggle');
  await ws.until('the dark theme', (s) => s.theme === 'dark');
  await ws.until('every script covered by glyphs', covered(messages.length), 20000);
  await shot('session.dark');
  await ws.click('tab.queue');
  await shot('queue.dark');
  await ws.click('theme.toggle');
  await ws.until('the light theme', (s) => s.theme === 'light');
  await shot('queue.light');

  t.step('1024×768: nothing cut off');
  await ws.page.setViewportSize({ width: 1024, height: 768 });
  await ws.click('tab.mine');
  await ws.click(`chat.${chatId}`);
  await ws.until('the session laid out at 1024 px', (s) => s.widgets['composer.send'] && s.widgets['composer.send'][0] +
                 s.widgets['composer.send'][2] <= 1024);
  const small = await ws.snapshot();
  for (const name of ['tab.mine', 'tab.queue', 'tab.closed', 'status.offline', 'theme.toggle', 'action.close',
                      'composer.send', 'customer.panel'])
    if (small.widgets[name]) inside(ws, name, small.widgets[name], 1024, 768);
    else throw new Error(`${name} is not on screen at 1024×768`);
  await shot('session.1024.light');

  t.step('device pixel ratio 2: the canvas has twice the pixels, and its text is sharp');
  await openPage(ws, { width: 1024, height: 768, ratio: 2 });
  await ws.load(`${server.url}/`);
  await signIn(ws);
  await ws.click(`chat.${chatId}`);
  const hi = await ws.until('every script covered at ratio 2', covered(4), 30000);
  const canvas = await ws.page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { width: c.width, height: c.height, css: c.getBoundingClientRect().width, ratio: devicePixelRatio };
  });
  t.step(`canvas ${canvas.width}×${canvas.height} for ${canvas.css} CSS px; display ${JSON.stringify(hi.display)}`);
  if (canvas.ratio !== 2 || canvas.width !== Math.round(canvas.css * 2) || hi.display.buffer_width !== canvas.width ||
      hi.display.ratio !== 2)
    throw new Error(`the canvas is not drawn at twice its CSS size: ${JSON.stringify({ canvas, display: hi.display })}`);
  await sleep(300);
  const png = await ws.page.screenshot({ path: t.artifact('web.e2e.look.session.ratio2.png') });
  const image = readPng(png);
  if (image.width !== 2048 || image.height !== 1536) throw new Error(`screenshot ${image.width}×${image.height}`);
  const crisp = sharpness(image);
  t.step(`ratio 2 screenshot: ${image.width}×${image.height}, sharp edges ${(crisp * 100).toFixed(1)} %`);
  if (crisp < 0.6) throw new Error(`the ratio 2 screenshot looks scaled up: ${(crisp * 100).toFixed(1)} % sharp edges`);
});
