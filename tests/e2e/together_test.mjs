// web.e2e.together: two agents and a customer at once against the real parley-server. Ana works the
// session, Bo (a supervisor of the group) looks in: each sees the other viewing and typing; the
// customer's typing shows in Ana's session and Ana's reply typing in the widget; Bo's note in note
// mode mentions Ana (her notification is observed) and never reaches the widget; the customer, back
// with a new session, sees the earlier conversation above it after a reload. Screenshots of both
// workspaces at 1440×900 and 1024×768 are kept.
import fs from 'node:fs';

import { Http } from './lib/http.mjs';
import { runTest } from './lib/harness.mjs';
import { startParleyServer } from './lib/parley_server.mjs';
import { sleep, waitFor } from './lib/wait.mjs';
import { Workspace } from './lib/workspace.mjs';

const adminPassword = 'e2e-admin-password';
const people = {
  ana: { agent: { agent: 'ana', name: 'Ana Ortiz', nickname: 'Ana', groups: ['front'], roles: ['operator'] },
         login: { login: 'ana.ortiz', password: 'ana-e2e-password' } },
  bo: { agent: { agent: 'bo', name: 'Bo Berg', nickname: 'Bo', groups: ['front'], roles: ['operator', 'supervisor'] },
        login: { login: 'bo.berg', password: 'bo-e2e-password' } },
};

// Runs in each workspace page before its scripts: records the notifications it shows.
function recordNotifications() {
  const seen = { notifications: [] };
  window.__seen = seen;
  class RecordingNotification {
    constructor(title, options) { seen.notifications.push({ title, body: options?.body ?? '' }); }
    close() {}
    static requestPermission() { return Promise.resolve('granted'); }
  }
  RecordingNotification.permission = 'granted';
  window.Notification = RecordingNotification;
}

// A second page in the same browser, in its own context (its own storage: its own login).
async function pageBeside(ws, viewport, initScript) {
  const context = await ws.browser.newContext({ viewport });
  if (initScript) await context.addInitScript(initScript);
  const other = new Workspace(ws.browser);
  other.page = await context.newPage();
  other.page.setDefaultTimeout(15000);
  other.page.on('console', (m) => other.console.push(`[${m.type()}] ${m.text()}`));
  other.page.on('pageerror', (e) => other.console.push(`[pageerror] ${e.message}`));
  return other;
}

async function signIn(ws, url, login) {
  await ws.load(url);
  await ws.until('the login screen', (s) => s.screen === 'login');
  await ws.typeInto('login.user', login.login);
  await ws.typeInto('login.password', login.password);
  await ws.click('login.submit');
  await ws.until('the workspace', (s) => s.screen === 'workspace' && s.stats);
  await ws.click('status.online');
  await ws.until('online and live', (s) => s.stats.status === 'online' && s.link === 'live');
}

const presenceOf = (ws) => ws.snapshot().then((s) => s.together?.presence ?? '');

await runTest('web.e2e.together', { deadlineMs: 190000, required: ['server', 'site', 'chromium', 'artifacts'] }, async (t) => {
  const viewport = { width: 1440, height: 900 };
  t.step('starting parley-server');
  const server = await startParleyServer({
    binary: t.args.server, site: t.args.site, env: { PARLEY_ADMIN_PASSWORD: adminPassword },
  });
  t.onCleanup(() => server.stop());
  t.onFailure(() => fs.writeFileSync(t.artifact('web.e2e.together.server.log'), server.log()));

  t.step('admin: a group, Ana (operator) and Bo (supervisor), a widget channel');
  const anonymous = new Http(server.url);
  const { token: adminToken } = await anonymous.expect(200, 'POST', '/api/v1/auth/login',
                                                       { login: 'admin', password: adminPassword });
  const admin = new Http(server.url, adminToken);
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'front', name: 'Front desk', settings: { routing: 'accept' } });
  for (const { agent, login } of Object.values(people)) {
    await admin.expect(201, 'POST', '/api/v1/agents', agent);
    await admin.expect(201, 'POST', '/api/v1/users', { ...login, roles: agent.roles, agent: agent.agent });
  }
  await admin.expect(201, 'POST', '/api/v1/channels', { id: 'site', kind: 'widget', name: 'Website', group: 'front', origins: ['*'] });

  const ana = await Workspace.launch({ chromium: t.args.chromium, viewport, initScript: recordNotifications });
  t.onCleanup(() => ana.close());
  const bo = await pageBeside(ana, viewport, recordNotifications);
  const customer = await pageBeside(ana, { width: 900, height: 700 }, null);
  t.onFailure(async () => {
    for (const [name, ws] of [['ana', ana], ['bo', bo], ['customer', customer]]) {
      ws.saveConsole(t.artifact(`web.e2e.together.${name}.console.log`));
      await ws.screenshot(t.artifact(`web.e2e.together.${name}.failed.png`));
    }
  });

  t.step('the customer writes from the widget page');
  await customer.page.goto(`${server.url}/widget/demo.html?channel=site`, { waitUntil: 'load' });
  const widgetInput = customer.page.locator('textarea').first();
  await widgetInput.click();
  await customer.page.keyboard.type('My bike has a flat tyre', { delay: 10 });
  await customer.page.keyboard.press('Enter');
  const widgetState = () => customer.page.evaluate(() => window.ParleyWidget.state());
  const chat = (await waitFor('the widget session', async () => {
    const s = await widgetState();
    return s.chat && s.messages.some((m) => m.from === 'client' && !m.pending) && s.streaming && s;
  }, { timeoutMs: 10000, show: widgetState })).chat;

  t.step('Ana accepts and opens the session; Bo opens it from Active');
  await signIn(ana, `${server.url}/`, people.ana.login);
  await ana.click('tab.queue');
  await ana.click(`chat.accept.${chat}`);
  await ana.until('the session is Ana\'s', (s) => s.chats.find((c) => c.id === chat)?.assignee === 'ana');
  await ana.click('tab.mine');
  await ana.click(`chat.${chat}`);
  await ana.until('the session open', (s) => s.current === chat && s.widgets['composer.input']);
  await signIn(bo, `${server.url}/`, people.bo.login);
  await bo.click('tab.active');
  await bo.click(`chat.${chat}`);
  await bo.until('the session open for Bo', (s) => s.current === chat && s.widgets['composer.mode.note']);

  t.step('each sees the other viewing');
  await waitFor('"Bo is viewing" at Ana', async () => (await presenceOf(ana)).includes('Bo is viewing'),
                { timeoutMs: 10000, show: () => presenceOf(ana) });
  await waitFor('"Ana is viewing" at Bo', async () => (await presenceOf(bo)).includes('Ana is viewing'),
                { timeoutMs: 10000, show: () => presenceOf(bo) });

  t.step('the customer types: Ana sees "Customer is typing…"');
  await widgetInput.click();
  await customer.page.keyboard.type('Is it covered by the', { delay: 60 });
  await waitFor('"Customer is typing…" at Ana', async () => (await presenceOf(ana)).includes('Customer is typing…'),
                { timeoutMs: 10000, show: () => presenceOf(ana) });
  await ana.widget('chat.presence');
  await ana.screenshot(t.artifact('web.e2e.together.customer-typing.1440x900.png'));

  t.step('Ana types a reply: the widget shows "Ana is typing…", Bo sees it too; Enter sends it');
  await ana.focus('composer.input');
  await ana.page.keyboard.type('Let me check your warranty', { delay: 40 });
  await waitFor('"Ana is typing…" in the widget', async () => (await widgetState()).agentTyping === 'Ana is typing…',
                { timeoutMs: 10000, show: widgetState });
  await waitFor('"Ana is typing a reply…" at Bo', async () => (await presenceOf(bo)).includes('Ana is typing a reply…'),
                { timeoutMs: 10000, show: () => presenceOf(bo) });
  await customer.screenshot(t.artifact('web.e2e.together.widget-agent-typing.png'));
  await ana.press('Enter');
  await waitFor('the reply in the widget, the typing line gone', async () => {
    const s = await widgetState();
    return s.messages.some((m) => m.from === 'agent' && m.text === 'Let me check your warranty') && s.agentTyping === null;
  }, { timeoutMs: 10000, show: widgetState });

  t.step('Bo switches to note mode, mentions Ana from the choices and adds the note');
  await bo.click('composer.mode.note');
  await bo.until('note mode', (s) => s.together?.note_mode === true);
  await bo.focus('composer.input');
  await bo.page.keyboard.type('@an', { delay: 40 });
  await bo.click('mention.ana');
  await waitFor('the mention inserted', () => bo.page.evaluate(() => document.getElementById('composer-input').value === '@ana '),
                { timeoutMs: 5000, show: () => bo.page.evaluate(() => document.getElementById('composer-input').value) });
  await bo.page.keyboard.type('the frame is under warranty until May, please offer a repair', { delay: 10 });
  await waitFor('"Bo is writing a note…" at Ana', async () => (await presenceOf(ana)).includes('Bo is writing a note…'),
                { timeoutMs: 10000, show: () => presenceOf(ana) });
  await bo.screenshot(t.artifact('web.e2e.together.note-mode.1440x900.png'));
  const before = (await ana.page.evaluate(() => window.__seen.notifications.length));
  await bo.press('Enter');

  t.step('Ana is alerted of the mention; the note is in the session, never in the widget');
  const alert = await waitFor('a mention notification at Ana', () => ana.page.evaluate(
    (n) => window.__seen.notifications.slice(n).find((x) => x.title.startsWith('Bo mentioned you')), before),
    { timeoutMs: 10000, show: () => ana.page.evaluate(() => window.__seen.notifications) });
  if (!alert.body.includes('under warranty')) throw new Error(`the mention notification says ${JSON.stringify(alert)}`);
  const stored = await new Http(server.url, adminToken).get(`/api/v1/chats/${chat}`);
  const note = stored.timeline.find((item) => item.type === 'note');
  if (!note || !note.text.startsWith('@ana the frame') || JSON.stringify(note.mentions) !== '["ana"]')
    throw new Error(`the note as stored: ${JSON.stringify(note)}`);
  const notifiedBo = await bo.page.evaluate(() => window.__seen.notifications.filter((x) => x.title.includes('mentioned')));
  if (notifiedBo.length) throw new Error(`the writer was alerted of their own note: ${JSON.stringify(notifiedBo)}`);
  await sleep(1500);  // time for anything the widget might wrongly be sent
  const atWidget = await widgetState();
  const leaked = atWidget.messages.some((m) => m.text.includes('warranty until May'));
  const widgetMessages = await customer.page.evaluate(async (url) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('parley-widget|'));
    const token = JSON.parse(localStorage.getItem(key)).token;
    const r = await fetch(`${url}/widget/v1/messages?after=0`, { headers: { Authorization: `Bearer ${token}` } });
    return (await r.json()).messages.map((m) => m.text);
  }, server.url);
  if (leaked || widgetMessages.some((text) => text.includes('warranty until May')))
    throw new Error(`the note reached the customer: ${JSON.stringify(widgetMessages)}`);
  await ana.until('the note in Ana\'s timeline', (s) => s.together && s.current === chat);

  t.step('screenshots at 1024×768');
  for (const ws of [ana, bo]) {
    await ws.page.setViewportSize({ width: 1024, height: 768 });
    await ws.until('the workspace laid out at 1024 px', (s) => s.display?.css_width === 1024 &&
                   s.widgets['composer.input'] && s.widgets['composer.input'][0] + s.widgets['composer.input'][2] <= 1024);
  }
  await sleep(500);
  await bo.focus('composer.input');
  await bo.page.keyboard.type('@', { delay: 10 });
  await bo.widget('mention.ana');
  await waitFor('"Bo is writing a note…" at Ana again', async () => (await presenceOf(ana)).includes('Bo is'),
                { timeoutMs: 10000, show: () => presenceOf(ana) });
  const send = (await bo.snapshot()).widgets['composer.send'];
  if (send[0] + send[2] > 1024) throw new Error(`the Note button is cut off at 1024 px: ${JSON.stringify(send)}`);
  await sleep(300);
  await ana.screenshot(t.artifact('web.e2e.together.ana.1024x768.png'));
  await bo.screenshot(t.artifact('web.e2e.together.note-mode.1024x768.png'));

  t.step('the customer returns: after a close and a new message, a reload shows the earlier conversation above');
  await admin.expect(200, 'POST', '/api/v1/commands', { type: 'chat.close', chat, by: 'agent:ana' });
  await waitFor('the widget sees the close', async () => (await widgetState()).state === 'closed',
                { timeoutMs: 10000, show: widgetState });
  await widgetInput.fill('');  // the draft typed for the presence step goes
  await widgetInput.click();
  await customer.page.keyboard.type('The new tyre is flat too', { delay: 10 });
  await customer.page.keyboard.press('Enter');
  const second = (await waitFor('a new session', async () => {
    const s = await widgetState();
    return s.chat && s.chat !== chat && s.messages.some((m) => m.text === 'The new tyre is flat too' && !m.pending) && s;
  }, { timeoutMs: 10000, show: widgetState })).chat;
  await customer.page.reload({ waitUntil: 'load' });
  const back = await waitFor('the earlier conversation above the current one', async () => {
    const s = await widgetState();
    return s.chat === second && s.earlier >= 2 && s.messages.length > 0 && s;
  }, { timeoutMs: 10000, show: widgetState });
  if (back.messages.some((m) => m.text === 'My bike has a flat tyre'))
    throw new Error(`the earlier messages are counted as the current session's: ${JSON.stringify(back.messages)}`);
  await customer.page.evaluate(() => window.ParleyWidget.open());
  await sleep(300);
  await customer.screenshot(t.artifact('web.e2e.together.widget-history.png'));
  t.step(`the widget shows ${back.earlier} earlier messages above the current session`);
});
