// web.e2e.widget: the customer's chat widget against the real parley-server, used as a customer
// would (clicks and keys in headless Chromium; server facts checked over REST). The channel's theme
// shows; while the group is outside its hours the widget asks for a message, which lands as a
// waiting session, and says when the group opens; the pre-chat form refuses a missing required
// field, then starts; the place in the queue updates when an earlier session is taken; a file
// attached from the widget reaches the agent and the agent's file and typing reach the widget;
// Escape closes the panel. Screenshots of each view at the given size (--width, --height, --dpr).
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { Http } from './lib/http.mjs';
import { runTest } from './lib/harness.mjs';
import { startParleyServer } from './lib/parley_server.mjs';
import { waitFor } from './lib/wait.mjs';

const adminPassword = 'e2e-admin-password';
const ana = { agent: { agent: 'ana', name: 'Ana Ortiz', nickname: 'Ana', groups: ['front'], roles: ['operator'] },
              login: { login: 'ana.ortiz', password: 'ana-e2e-password' } };
const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

// Each size keeps its own artifacts (the harness clears files named after the test).
const argValue = (flag, fallback) => { const i = process.argv.indexOf(flag); return i > 0 ? process.argv[i + 1] : fallback; };
const testName = `web.e2e.widget.${argValue('--width', 1440)}x${argValue('--height', 900)}@${argValue('--dpr', 1)}x`;

await runTest(testName, { deadlineMs: 170000, required: ['server', 'site', 'chromium', 'artifacts'] }, async (t) => {
  const viewport = { width: Number(t.args.width ?? 1440), height: Number(t.args.height ?? 900) };
  const dpr = Number(t.args.dpr ?? 1);
  const shot = (page, what) => page.screenshot({ path: t.artifact(`${testName}.${what}.png`) });

  t.step('starting parley-server');
  const server = await startParleyServer({ binary: t.args.server, site: t.args.site, env: { PARLEY_ADMIN_PASSWORD: adminPassword } });
  t.onCleanup(() => server.stop());
  t.onFailure(() => fs.writeFileSync(t.artifact(`${testName}.server.log`), server.log()));

  t.step('admin: group front (accept routing) with Ana; group night, open only on another weekday; two themed channels');
  const anonymous = new Http(server.url);
  const { token: adminToken } = await anonymous.expect(200, 'POST', '/api/v1/auth/login', { login: 'admin', password: adminPassword });
  const admin = new Http(server.url, adminToken);
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'front', name: 'Front desk', settings: { routing: 'accept' } });
  const otherDay = weekdays[(new Date().getUTCDay() + 2) % 7];
  await admin.expect(201, 'POST', '/api/v1/groups', {
    group: 'night', name: 'Night desk',
    settings: { routing: 'accept', business_hours: { zone: 'UTC', week: { [otherDay]: ['09:00-17:00'] } } },
  });
  await admin.expect(201, 'POST', '/api/v1/agents', ana.agent);
  await admin.expect(201, 'POST', '/api/v1/users', { ...ana.login, roles: ana.agent.roles, agent: ana.agent.agent });
  const theme = { accent: '#0b6e4f', title: 'Acme Bikes help', greeting: 'Hi! Ask us about sizes, delivery or repairs.' };
  await admin.expect(201, 'POST', '/api/v1/channels', {
    id: 'site', kind: 'widget', name: 'Website', group: 'front', origins: ['*'], theme,
    prechat: { enabled: true, fields: [
      { id: 'name', label: 'Your name', required: true },
      { id: 'email', label: 'E-mail', type: 'email', required: true },
      { id: 'order', label: 'Order number' }] },
  });
  await admin.expect(201, 'POST', '/api/v1/channels', {
    id: 'late', kind: 'widget', name: 'After hours', group: 'night', origins: ['*'], theme: { title: 'Acme Bikes' },
  });
  const { token: anaToken } = await anonymous.expect(200, 'POST', '/api/v1/auth/login', ana.login);
  const agent = new Http(server.url, anaToken);

  const require = createRequire(import.meta.url);
  const browser = await require('playwright-core').chromium.launch({
    executablePath: t.args.chromium, headless: true, args: ['--no-sandbox', '--disable-quic', '--no-first-run'],
  });
  t.onCleanup(() => browser.close());
  const pages = [];
  const customerPage = async (channel) => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: dpr });
    const page = await context.newPage();
    page.setDefaultTimeout(10000);
    const log = [];
    page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
    pages.push({ page, log });
    await page.goto(`${server.url}/widget/demo.html?channel=${channel}`, { waitUntil: 'load' });
    return page;
  };
  t.onFailure(async () => {
    for (const [i, { page, log }] of pages.entries()) {
      fs.writeFileSync(t.artifact(`${testName}.page${i}.console.log`), log.join('\n') + '\n');
      await page.screenshot({ path: t.artifact(`${testName}.page${i}.failed.png`) }).catch(() => {});
    }
  });
  const stateOf = (page) => () => page.evaluate(() => window.ParleyWidget.state());
  const until = (page, what, test, timeoutMs = 10000) =>
    waitFor(what, async () => { const s = await stateOf(page)(); return test(s) && s; }, { timeoutMs, show: stateOf(page) });
  const chatOf = (id) => admin.get(`/api/v1/chats/${id}`);

  // ---- leave a message ------------------------------------------------------------------------
  t.step('outside its hours the widget asks for a message and says when the group opens');
  const late = await customerPage('late');
  await until(late, 'the leave-a-message form', (s) => s.mode === 'offline' && s.title === 'Acme Bikes');
  const away = late.locator('.form');
  await waitFor('the opening time in the form', async () => /we open again/.test(await away.textContent()),
                { show: () => away.textContent() });
  await late.getByLabel('Your name').fill('Cleo Park');
  await late.getByLabel(/^E-mail/).fill('cleo@mail.example');
  await late.getByLabel('Message', { exact: true }).fill('My order 4411 arrived without its pedals.');
  await shot(late, 'leave-a-message');
  await late.getByRole('button', { name: 'Send message' }).click();
  const left = await until(late, 'the message sent, the conversation shown',
                           (s) => s.mode === 'chat' && s.chat && s.leftMessage &&
                                  s.messages.some((m) => m.text.includes('without its pedals')));
  const lateChat = await chatOf(left.chat);
  if (lateChat.state !== 'queued' || lateChat.client !== 'Cleo Park')
    throw new Error(`the left message should wait in the queue: ${JSON.stringify(lateChat).slice(0, 300)}`);
  const groups = (await admin.get('/api/v1/groups')).groups;
  if (groups.find((g) => g.id === 'night').waiting !== 1) throw new Error(`group night: ${JSON.stringify(groups)}`);
  if (!JSON.stringify(lateChat.timeline).includes('E-mail: cleo@mail.example'))
    throw new Error('the e-mail should reach the agent with the message');
  const thanks = await late.locator('.list .note').last().textContent();
  if (!/as soon as someone is available/.test(thanks)) throw new Error(`the widget should say when to expect an answer: ${thanks}`);
  await shot(late, 'message-left');

  // ---- pre-chat form and the queue --------------------------------------------------------------
  t.step('an earlier customer waits in front (started over the widget API)');
  await agent.expect(200, 'PUT', '/api/v1/agents/ana/status', { status: 'online' });
  const earlier = await anonymous.expect(201, 'POST', '/widget/v1/site/sessions',
                                         { name: 'Dan', fields: { email: 'dan@mail.example' }, message: 'Hello?' });

  t.step('the pre-chat form, themed, refuses a missing required field, then starts');
  const page = await customerPage('site');
  await until(page, 'the pre-chat form', (s) => s.mode === 'prechat' && s.online === true && s.title === 'Acme Bikes help');
  const accent = await page.locator('.head').evaluate((el) => getComputedStyle(el).backgroundColor);
  if (accent !== 'rgb(11, 110, 79)') throw new Error(`the header should take the channel's accent, not ${accent}`);
  if (!(await page.locator('.form').textContent()).includes(theme.greeting)) throw new Error('the greeting should show');
  await page.getByLabel('Your name').fill('Bea Stone');
  await page.getByLabel('Your name').press('Tab');
  await page.keyboard.type('Order 77');  // Tab order: name, e-mail, order; this lands in e-mail
  await page.getByRole('button', { name: 'Start chat' }).click();
  await until(page, 'the e-mail refused', (s) => /E-mail must be an e-mail address/.test(s.formError ?? '') && !s.chat);
  await page.getByLabel('E-mail').fill('');
  await page.getByLabel('Order number').fill('77');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await until(page, 'the missing e-mail refused', (s) => /E-mail is required/.test(s.formError ?? '') && !s.chat);
  const focused = await page.evaluate(() => document.querySelector('[data-parley-widget]').shadowRoot.activeElement?.name);
  if (focused !== 'email') throw new Error(`focus should go to the missing field, not ${focused}`);
  await shot(page, 'prechat-refused');
  await page.getByLabel('E-mail').fill('bea@mail.example');
  await page.getByLabel('E-mail').press('Enter');
  const started = await until(page, 'the session started', (s) => s.mode === 'chat' && s.chat && s.streaming);
  const beaChat = await chatOf(started.chat);
  if (beaChat.client !== 'Bea Stone' || !JSON.stringify(beaChat.timeline).includes('E-mail: bea@mail.example\\nOrder number: 77'))
    throw new Error(`the pre-chat answers should reach the agent: ${JSON.stringify(beaChat).slice(0, 400)}`);

  t.step('the place in the queue shows, and moves up when the earlier session is taken');
  await until(page, 'second in line', (s) => s.queue?.position === 2 && /number 2 in line/.test(s.queueText ?? ''));
  await shot(page, 'queue-second');
  await agent.expect(200, 'POST', '/api/v1/commands', { type: 'chat.accept', chat: earlier.chat, agent: 'ana' });
  const next = await until(page, 'next in line, with an estimate', (s) =>
    s.queue?.position === 1 && /next in line/.test(s.queueText ?? '') && s.queue.estimated_wait_ms !== null);
  const region = await page.locator('.queue').getAttribute('aria-live');
  if (region !== 'polite') throw new Error('the queue place should be announced (a polite live region)');
  t.step(`queue: ${next.queueText}`);
  await shot(page, 'queue-next');

  // ---- files and typing --------------------------------------------------------------------------
  t.step('a file attached from the widget reaches the agent');
  await agent.expect(200, 'POST', '/api/v1/commands', { type: 'chat.accept', chat: started.chat, agent: 'ana' });
  await until(page, 'the session open with Ana', (s) => s.state === 'open' && s.agent === 'Ana' && s.queueText === null);
  const bytes = Buffer.from('a photo of the broken pedal');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Attach a file' }).click()]);
  await chooser.setFiles({ name: 'pedal.jpg', mimeType: 'image/jpeg', buffer: bytes });
  await until(page, 'the file sent', (s) => s.messages.some((m) => m.files.includes('pedal.jpg') && !m.pending && !m.failed));
  const withFile = await chatOf(started.chat);
  const fileItem = withFile.timeline.find((i) => (i.attachments ?? []).some((a) => a.name === 'pedal.jpg'));
  if (!fileItem) throw new Error(`the file should be in the agent's timeline: ${JSON.stringify(withFile.timeline).slice(0, 400)}`);
  const download = await fetch(`${server.url}/api/v1/attachments/${fileItem.attachments[0].id}`,
                               { headers: { Authorization: `Bearer ${anaToken}` } });
  if (!Buffer.from(await download.arrayBuffer()).equals(bytes)) throw new Error('the agent should get the same bytes');

  t.step("the agent's file and typing reach the widget");
  const upload = await fetch(`${server.url}/api/v1/chats/${started.chat}/attachments?name=manual.pdf`, {
    method: 'POST', headers: { Authorization: `Bearer ${anaToken}`, 'Content-Type': 'application/pdf' }, body: '%PDF-1.4 manual',
  });
  const file = await upload.json();
  await agent.expect(200, 'POST', `/api/v1/chats/${started.chat}/messages`, { text: 'Here is the manual', attachments: [file.id] });
  await until(page, "the agent's file in the widget", (s) => s.messages.some((m) => m.from === 'agent' && m.files.includes('manual.pdf')));
  await agent.expect(200, 'POST', `/api/v1/chats/${started.chat}/presence`, { state: 'typing' });
  await until(page, '"Ana is typing…" in the widget', (s) => s.agentTyping === 'Ana is typing…');
  const typingRole = await page.locator('.typing').getAttribute('role');
  if (typingRole !== 'status') throw new Error('the typing line should be a status region');
  await shot(page, 'agent-typing');

  t.step('every control is labelled; Escape closes the panel and focus returns to the launcher');
  const unlabelled = await page.evaluate(() => {
    const root = document.querySelector('[data-parley-widget]').shadowRoot;
    return [...root.querySelectorAll('button, input:not([type=file]), textarea')]
      .filter((el) => !(el.getAttribute('aria-label') || el.closest('label') || el.textContent.trim()))
      .map((el) => el.outerHTML.slice(0, 80));
  });
  if (unlabelled.length) throw new Error(`controls without a label: ${unlabelled.join(' | ')}`);
  await page.getByLabel('Message', { exact: true }).focus();
  await page.keyboard.press('Escape');
  const closed = await page.evaluate(() => {
    const root = document.querySelector('[data-parley-widget]').shadowRoot;
    const launcher = root.querySelector('.launcher');
    return { expanded: launcher.getAttribute('aria-expanded'), focused: root.activeElement === launcher,
             panel: getComputedStyle(root.querySelector('.panel')).display };
  });
  if (closed.expanded !== 'false' || !closed.focused || closed.panel !== 'none')
    throw new Error(`Escape should close the panel and focus the launcher: ${JSON.stringify(closed)}`);
  await shot(page, 'closed');
  await page.keyboard.press('Enter');  // the launcher opens it again
  await waitFor('the panel open again', async () =>
    (await page.locator('.panel').evaluate((el) => getComputedStyle(el).display)) === 'flex');
});
