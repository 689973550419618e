// web.e2e.board: the supervisor's team board and the workspace for screen readers, against the real
// parley-server. The board's agents and queues match what REST says; the polite live region speaks
// when a customer starts a session, when one is given to the supervisor and when the customer writes;
// the accessible mirror lists the sessions as buttons (one activated from the keyboard opens it) and
// the open session's messages as a log. Screenshots of the board at 1440×900 and 1024×768, both themes.
import fs from 'node:fs';

import { Http } from './lib/http.mjs';
import { runTest } from './lib/harness.mjs';
import { startParleyServer } from './lib/parley_server.mjs';
import { sleep, waitFor } from './lib/wait.mjs';
import { Workspace } from './lib/workspace.mjs';

const adminPassword = 'e2e-admin-password';
const team = [
  { agent: 'sam', name: 'Sam Supervisor', nickname: 'Sam', groups: ['front', 'back'], roles: ['operator', 'supervisor'] },
  { agent: 'ana', name: 'Ana Ortiz', nickname: '', groups: ['front'], roles: ['operator'] },
  { agent: 'bo', name: 'Bo Berg', nickname: '', groups: ['front', 'back'], roles: ['operator'] },
  { agent: 'cy', name: 'Cy Chen', nickname: '', groups: ['back'], roles: ['operator'] },
  { agent: 'zed', name: 'Zed Outsider', nickname: '', groups: ['other'], roles: ['operator'] },
];
const login = { login: 'sam.super', password: 'sam-e2e-password' };

await runTest('web.e2e.board', { deadlineMs: 150000, required: ['server', 'site', 'chromium', 'artifacts'] }, async (t) => {
  // A manual clock, so the missed deadline below comes from moving it a minute instead of waiting one.
  t.step('starting parley-server on a manual clock');
  const server = await startParleyServer({
    binary: t.args.server, site: t.args.site, env: { PARLEY_ADMIN_PASSWORD: adminPassword, PARLEY_CLOCK: 'manual' },
  });
  t.onCleanup(() => server.stop());
  t.onFailure(() => fs.writeFileSync(t.artifact('web.e2e.board.server.log'), server.log()));

  t.step('admin: three groups, a supervisor of two of them, their agents in every status');
  const anonymous = new Http(server.url);
  const { token: adminToken } = await anonymous.expect(200, 'POST', '/api/v1/auth/login',
                                                       { login: 'admin', password: adminPassword });
  const admin = new Http(server.url, adminToken);
  let clock = Date.now();
  const tick = (ms) => { clock += ms; return admin.expect(200, 'POST', '/api/v1/clock', { now: new Date(clock).toISOString() }); };
  await tick(0);
  await admin.expect(201, 'POST', '/api/v1/groups',
                     { group: 'front', name: 'Front desk', settings: { routing: 'accept', max_active: 3 } });
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'back', name: 'Back office', settings: { routing: 'auto', max_active: 2, first_response_min: 1 } });
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'other', name: 'Other', settings: { routing: 'accept' } });
  for (const agent of team) await admin.expect(201, 'POST', '/api/v1/agents', agent);
  await admin.expect(201, 'POST', '/api/v1/users', { ...login, roles: ['operator'], agent: 'sam' });
  for (const [id, group] of [['site', 'front'], ['shop', 'back']])
    await admin.expect(201, 'POST', '/api/v1/channels', { id, kind: 'widget', name: id, group, origins: ['*'] });
  await admin.expect(200, 'PUT', '/api/v1/agents/ana/status', { status: 'online' });
  await admin.expect(200, 'PUT', '/api/v1/agents/bo/status', { status: 'dnd' });
  await admin.expect(200, 'PUT', '/api/v1/agents/cy/status', { status: 'online' });
  // Two customers of the back office are routed to cy; a third waits (cy is full, bo is dnd).
  const customers = [];
  for (const name of ['Bea Back', 'Ben Back', 'Bill Waiting']) {
    const session = await anonymous.expect(201, 'POST', '/widget/v1/shop/sessions', { name });
    await new Http(server.url, session.token).expect(200, 'POST', '/widget/v1/messages', { text: `Hello from ${name}`, client_msg_id: name.replace(/ /g, "-") });
    customers.push(session);
  }

  const ws = await Workspace.launch({ chromium: t.args.chromium, viewport: { width: 1440, height: 900 } });
  t.onCleanup(() => ws.close());
  t.onFailure(async () => {
    ws.saveConsole(t.artifact('web.e2e.board.console.log'));
    await ws.screenshot(t.artifact('web.e2e.board.failure.png'));
  });
  await ws.load(`${server.url}/`);
  await ws.until('the login screen', (s) => s.screen === 'login');
  await ws.typeInto('login.user', login.login);
  await ws.typeInto('login.password', login.password);
  await ws.click('login.submit');
  await ws.until('the workspace', (s) => s.screen === 'workspace' && s.stats && s.link === 'live');

  t.step('the team board: agents and queues as REST has them');
  await ws.click('tab.board');
  await ws.widget('board');
  const rest = async () => {
    const agents = {};
    for (const { agent } of team) agents[agent] = (await admin.get(`/api/v1/agents/${agent}/stats`)).status;
    const waiting = { front: 0, back: 0 };
    for (const id of (await admin.get('/api/v1/agents/sam/queue')).queue) waiting[(await admin.get(`/api/v1/chats/${id}`)).group] += 1;
    return { agents, waiting };
  };
  const matches = async () => {
    const [snap, truth] = [await ws.snapshot(), await rest()];
    const board = snap.board;
    if (!board) return null;
    const ids = board.agents.map((a) => a.agent).sort();
    if (JSON.stringify(ids) !== JSON.stringify(['ana', 'bo', 'cy', 'sam'])) return null;  // zed's group is not Sam's
    if (!board.agents.every((a) => a.status === truth.agents[a.agent])) return null;
    if (JSON.stringify(board.groups.map((g) => [g.group, g.waiting])) !==
        JSON.stringify([['back', truth.waiting.back], ['front', truth.waiting.front]])) return null;
    return { board, truth };
  };
  const { board } = await waitFor('the board as REST has it', matches, { timeoutMs: 10000,
    show: async () => ({ board: (await ws.snapshot()).board, rest: await rest() }) });
  const cy = board.agents.find((a) => a.agent === 'cy');
  if (cy.active !== 2 || cy.capacity !== 2 || cy.takes_more) throw new Error(`cy's load ${JSON.stringify(cy)}`);
  if (board.groups.find((g) => g.group === 'back').waiting !== 1) throw new Error('Bill is not waiting in the back office');
  // The back office answers within a minute: its three unanswered sessions are at risk, earliest first.
  const risks = board.at_risk.map((r) => r.chat);
  if (JSON.stringify(risks) !== JSON.stringify(customers.map((c) => c.chat)) || !board.at_risk.every((r) => r.reason === 'sla'))
    throw new Error(`at risk ${JSON.stringify(board.at_risk)}`);
  const order = board.agents.map((a) => a.status);
  if (JSON.stringify(order) !== JSON.stringify(['online', 'online', 'dnd', 'offline'])) throw new Error(`order ${order}`);

  t.step('the board is live: a status change shows without a reload');
  await admin.expect(200, 'PUT', '/api/v1/agents/ana/status', { status: 'offline' });
  await ws.until('ana offline on the board', (s) => s.board?.agents.find((a) => a.agent === 'ana')?.status === 'offline');
  await matches();

  t.step('screenshots of the board: 1440×900 and 1024×768, light and dark');
  const within = async (width, height) => {
    const snap = await ws.snapshot();
    for (const [name, [x, y, w, h]] of Object.entries(snap.widgets))
      if (name.startsWith('board') && (x < 0 || x + w > width + 0.5 || y < 0 || y + h > height + 0.5))
        throw new Error(`${name} at ${[x, y, w, h]} is outside ${width}×${height}`);
    for (const id of ['sam', 'ana', 'bo', 'cy'])
      if (!snap.widgets[`board.agent.${id}`]) throw new Error(`${id} is not on the board at ${width}×${height}`);
  };
  for (const [width, height] of [[1440, 900], [1024, 768]]) {
    await ws.page.setViewportSize({ width, height });
    await ws.until(`the canvas at ${width}×${height}`, (s) => s.display.css_width === width && s.widgets.board);
    for (const theme of ['light', 'dark']) {
      if ((await ws.snapshot()).theme !== theme) {
        await ws.click('theme.toggle');
        await ws.until(`the ${theme} theme`, (s) => s.theme === theme);
      }
      await ws.until('every glyph drawn', (s) => s.glyphs.wanted === 0);
      await sleep(300);
      await within(width, height);
      await ws.screenshot(t.artifact(`web.e2e.board.${width}x${height}.${theme}.png`));
    }
  }
  await ws.page.setViewportSize({ width: 1440, height: 900 });
  await ws.click('theme.toggle');
  await ws.until('the light theme', (s) => s.theme === 'light' && s.display.css_width === 1440);

  t.step('the live region: a customer starts a session in Sam\'s group');
  const live = () => ws.page.evaluate(() => document.getElementById('a11y-live')?.textContent ?? '');
  const region = await ws.page.evaluate(() => {
    const el = document.getElementById('a11y-live');
    return el && [el.getAttribute('role'), el.getAttribute('aria-live')];
  });
  if (JSON.stringify(region) !== JSON.stringify(['status', 'polite'])) throw new Error(`live region ${region}`);
  const before = await live();
  const carla = await anonymous.expect(201, 'POST', '/widget/v1/site/sessions', { name: 'Carla Customer' });
  const carlaHttp = new Http(server.url, carla.token);
  await carlaHttp.expect(200, 'POST', '/widget/v1/messages', { text: 'Where is parcel 4711?', client_msg_id: 'c1' });
  const said = await waitFor('the waiting session announced', async () => {
    const text = await live();
    return text !== before && text.includes('New session waiting') && text.includes('Carla Customer') && text;
  }, { timeoutMs: 10000, show: live });
  t.step(`announced: "${said}"`);

  t.step('the mirror: the queue as buttons; Enter on one opens that session');
  await ws.click('tab.queue');
  const sessions = ws.page.getByRole('navigation', { name: 'Sessions' });
  const button = sessions.getByRole('button', { name: /Carla Customer/ });
  await button.waitFor({ state: 'attached', timeout: 10000 });
  await button.focus();
  await ws.press('Enter');
  await ws.until('the session opened from the mirror', (s) => s.current === carla.chat && !s.widgets.board);

  t.step('the mirror\'s log holds the message text, as the accessibility tree shows it');
  const log = ws.page.getByRole('log', { name: 'Session messages' });
  await log.getByText('Where is parcel 4711?').waitFor({ state: 'attached', timeout: 10000 });
  const tree = await log.ariaSnapshot();
  if (!tree.includes('Where is parcel 4711?') || !tree.includes('Carla Customer')) throw new Error(`log tree:\n${tree}`);
  // The browser's own find (Ctrl+F) finds it in the page.
  if (!(await ws.page.evaluate(() => window.find('Where is parcel 4711?')))) throw new Error('find in page misses the message');
  const navTree = await sessions.ariaSnapshot();
  if (!/button ".*Carla Customer.*"/.test(navTree)) throw new Error(`sessions tree:\n${navTree}`);

  t.step('a session given to Sam and a new customer message are announced');
  await ws.click('status.online');  // routing gives Sam the back office's waiting session too
  await ws.until('online', (s) => s.stats.status === 'online');
  await new Http(server.url, (await anonymous.expect(200, 'POST', '/api/v1/auth/login', login)).token)
    .expect(200, 'POST', `/api/v1/chats/${carla.chat}/accept`, {});
  await waitFor('the assignment announced', async () => (await live()).includes('Carla Customer is now yours'),
                { timeoutMs: 10000, show: live });
  await carlaHttp.expect(200, 'POST', '/widget/v1/messages', { text: 'It was due on Monday.', client_msg_id: 'c2' });
  await waitFor('the message announced', async () => (await live()) === 'Carla Customer wrote: It was due on Monday.',
                { timeoutMs: 10000, show: live });
  await log.getByText('It was due on Monday.').waitFor({ state: 'attached', timeout: 10000 });
  await ws.screenshot(t.artifact('web.e2e.board.session.png'));

  t.step('a missed first-response deadline: a mark on the open session, in the log and on the canvas');
  // The back office answers within a minute; nobody answered Bea, so the server's timer breaches it.
  const bea = customers[0].chat;
  await tick(61000);
  await waitFor('the breach in the log of events', async () => (await admin.get(`/api/v1/chats/${bea}`)).sla_breaches === 1,
                { timeoutMs: 10000, show: async () => (await admin.get(`/api/v1/chats/${bea}`)).sla_breaches });
  await ws.click('tab.active');
  await ws.click(`chat.${bea}`);
  await ws.until('Bea open with the mark drawn', (s) => s.current === bea && s.widgets['timeline.sla.0']);
  const mark = log.locator('li[data-sla]');
  await mark.waitFor({ state: 'attached', timeout: 10000 });
  const reads = await mark.textContent();
  if (!/^SLA, \d\d:\d\d: First response deadline missed · 1 min · group setting$/.test(reads)) throw new Error(`the mark reads "${reads}"`);
  // It sits after Bea's message, where the deadline passed.
  const items = await log.locator('li').allTextContents();
  if (items.length !== 2 || !items[0].includes('Hello from Bea Back') || items[1] !== reads) throw new Error(`the log: ${JSON.stringify(items)}`);
  for (const theme of ['light', 'dark']) {
    if ((await ws.snapshot()).theme !== theme) {
      await ws.click('theme.toggle');
      await ws.until(`the ${theme} theme`, (s) => s.theme === theme && s.widgets['timeline.sla.0']);
    }
    await ws.until('every glyph drawn', (s) => s.glyphs.wanted === 0);
    await sleep(300);
    await ws.screenshot(t.artifact(`web.e2e.board.sla_mark.${theme}.png`));
  }
});
