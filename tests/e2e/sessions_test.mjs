// web.e2e.sessions: the Sessions screen. `--part server`: against the real parley-server on a manual
// clock, a supervisor opens Sessions, the page's rows are exactly what GET /api/v1/sessions answers for
// the same filters (a customer filter, a state, a header sort, the next page), the CSV button saves the
// bytes of the .csv route, a row opens its session, and an operator has no Sessions tab. `--part demo`:
// the offline demo answers from the core query in the page and makes the CSV itself.
// Screenshots at 1440×900 and 1024×768.
import fs from 'node:fs';

import { Http } from './lib/http.mjs';
import { runTest } from './lib/harness.mjs';
import { startManualDesk } from './lib/manual_desk.mjs';
import { serveStatic } from './lib/static_server.mjs';
import { sleep } from './lib/wait.mjs';
import { Workspace } from './lib/workspace.mjs';

const adminPassword = 'e2e-admin-password';
const supervisor = { login: 'sam.super', password: 'sam-e2e-password' };
const operator = { login: 'ana.op', password: 'ana-e2e-password' };

// The page's query as REST parameters, without paging (for the .csv route).
function filtersOf(params) {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (!['offset', 'limit', 'after'].includes(key)) out.set(key, value);
  return out.toString();
}

// The screen's rows equal REST's for the page's own route.
async function sameAsRest(ws, http, what) {
  const snap = await ws.until(`${what}: the page shown`, (s) => s.sessions?.status === 'ready' && s.sessions);
  const rest = await http.get(`/${snap.route}`);
  const restIds = rest.rows.map((r) => r.id);
  if (JSON.stringify(restIds) !== JSON.stringify(snap.rows) || rest.total !== snap.total)
    throw new Error(`${what}: page ${JSON.stringify(snap.rows)} of ${snap.total}, REST ${JSON.stringify(restIds)} of ${rest.total}`);
  return { snap, rest };
}

async function screenshots(t, ws, name) {
  for (const [width, height] of [[1440, 900], [1024, 768]]) {
    await ws.page.setViewportSize({ width, height });
    await ws.until(`the canvas at ${width}×${height}`, (s) => s.display.css_width === width && s.widgets.sessions);
    await ws.until('every glyph drawn', (s) => s.glyphs.wanted === 0);
    await sleep(300);
    const snap = await ws.snapshot();
    for (const widget of ['sessions.close', 'sessions.customer', 'sessions.apply', 'sessions.csv', 'sessions.next', 'sessions.refresh'])
      if (!snap.widgets[widget]) throw new Error(`${widget} is not on screen at ${width}×${height}`);
    for (const [widget, [x, y, w, h]] of Object.entries(snap.widgets))
      if (widget.startsWith('sessions.') && !widget.startsWith('sessions.row.') && !widget.startsWith('sessions.head.') &&
          (x < 0 || x + w > width + 0.5 || y < 0 || y + h > height + 0.5))
        throw new Error(`${widget} at ${[x, y, w, h]} is outside ${width}×${height}`);
    await ws.screenshot(t.artifact(`${name}.${width}x${height}.png`));
  }
}

async function serverPart(t) {
  const { server, anonymous, admin, tick, command } = await startManualDesk(t, 'web.e2e.sessions', adminPassword);

  t.step('a desk with 40 sessions in two groups, some answered, some closed');
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'front', name: 'Front desk', settings: { routing: 'accept', max_active: 50 } });
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'back', name: 'Back office', settings: { routing: 'accept' } });
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'other', name: 'Other', settings: { routing: 'accept' } });
  await admin.expect(201, 'POST', '/api/v1/agents', { agent: 'sam', name: 'Sam Supervisor', groups: ['front', 'back'], roles: ['operator', 'supervisor'] });
  await admin.expect(201, 'POST', '/api/v1/agents', { agent: 'ana', name: 'Ana Ortiz', groups: ['front'], roles: ['operator'] });
  await admin.expect(201, 'POST', '/api/v1/users', { ...supervisor, roles: ['operator'], agent: 'sam' });
  await admin.expect(201, 'POST', '/api/v1/users', { ...operator, roles: ['operator'], agent: 'ana' });
  await admin.expect(200, 'PUT', '/api/v1/agents/ana/status', { status: 'online' });
  const names = ['Carla Customer', 'Ben Back', '=Formula Fan', 'Bea Back', 'Dora Díaz'];
  let samSees = 0;
  for (let i = 0; i < 40; ++i) {
    const chat = `s${i}`;
    const group = i % 3 === 2 ? 'back' : i % 7 === 6 ? 'other' : 'front';
    if (group !== 'other') ++samSees;
    await command({ type: 'chat.start', chat, group, channel: i % 2 ? 'Widget' : 'Telegram', client: `${names[i % names.length]} ${i}`, by: 'client' });
    await command({ type: 'message.send', chat, from: 'client', text: i % 4 === 0 ? 'Where is my parcel?' : 'Hello there' });
    if (group === 'front' && i % 2 === 0) {
      await command({ type: 'chat.accept', chat, agent: 'ana' });
      if (i % 4 === 0) await command({ type: 'chat.close', chat, by: 'agent:ana' });
    }
    await tick(30000);
  }

  const ws = await Workspace.open(t, 'web.e2e.sessions.server', `${server.url}/`, { viewport: { width: 1440, height: 900 } });
  await ws.signIn(supervisor);
  await ws.until('the workspace', (s) => s.screen === 'workspace' && s.stats && s.link === 'live');
  const sam = new Http(server.url, (await anonymous.expect(200, 'POST', '/api/v1/auth/login', supervisor)).token);

  t.step('the supervisor opens Sessions: the first page, as REST has it');
  await ws.click('tab.sessions');
  let { snap } = await sameAsRest(ws, sam, 'all sessions');
  if (snap.total !== samSees || snap.rows.length !== 25) throw new Error(`sam sees ${snap.total} sessions, ${snap.rows.length} on the page`);

  t.step('the next page');
  await ws.click('sessions.next');
  await ws.until('page 2', (s) => s.sessions.status === 'ready' && s.sessions.page === 1);
  ({ snap } = await sameAsRest(ws, sam, 'page 2'));
  if (snap.rows.length !== samSees - 25) throw new Error(`page 2 has ${snap.rows.length} rows`);

  t.step('a customer filter, typed and applied with Enter');
  await ws.typeInto('sessions.customer', 'back');
  await ws.press('Enter');
  await ws.until('the customer filter applied', (s) => s.sessions.status === 'ready' && s.sessions.params.customer === 'back');
  const { rest: backs } = await sameAsRest(ws, sam, 'customer "back"');
  if (backs.rows.length === 0 || !backs.rows.every((r) => r.customer.toLowerCase().includes('back')))
    throw new Error(`customer filter rows ${JSON.stringify(backs.rows)}`);

  t.step('and closed sessions only');
  await ws.click('sessions.state.closed');
  await ws.until('closed only', (s) => s.sessions.status === 'ready' && s.sessions.params.state === 'closed');
  await sameAsRest(ws, sam, 'customer "back", closed');
  await ws.click('sessions.clear');
  await ws.until('filters cleared', (s) => s.sessions.status === 'ready' && !s.sessions.params.customer && !s.sessions.params.state);

  t.step('a header click sorts by last activity');
  await ws.click('sessions.state.queued');
  await ws.until('waiting only', (s) => s.sessions.status === 'ready' && s.sessions.params.state === 'queued');
  const [hx, hy] = await ws.widget('sessions.head.number');
  await ws.page.mouse.move(hx + 4, hy + 4, { steps: 3 });
  await sleep(400);
  await ws.click('sessions.head.last_activity');
  await ws.until('sorted by last activity', (s) => s.sessions.status === 'ready' && s.sessions.params.sort === 'last_activity');
  ({ snap } = await sameAsRest(ws, sam, 'waiting, by last activity'));

  t.step('the CSV button saves the bytes of the .csv route with the same filters');
  const [download] = await Promise.all([ws.page.waitForEvent('download', { timeout: 10000 }), ws.click('sessions.csv')]);
  const saved = fs.readFileSync(await download.path());
  const route = await fetch(`${server.url}/api/v1/sessions.csv?${filtersOf(snap.params)}`, { headers: { Authorization: `Bearer ${sam.token}` } });
  const expected = Buffer.from(await route.arrayBuffer());
  if (!saved.equals(expected)) throw new Error(`the CSV differs:\n${saved}\n---\n${expected}`);
  const lines = saved.toString('utf8').split('\r\n').filter(Boolean);
  if (lines.length !== snap.total + 1 || !lines[0].startsWith('id,number,group,agent,state,'))
    throw new Error(`CSV of ${lines.length} lines for ${snap.total} sessions`);
  if (!lines.some((l) => l.includes(",'=Formula Fan"))) throw new Error('no neutralised formula cell in the CSV');
  fs.writeFileSync(t.artifact('web.e2e.sessions.server.csv'), saved);

  t.step('Refresh shows a session that started meanwhile');
  await command({ type: 'chat.start', chat: 'late', group: 'front', channel: 'Widget', client: 'Late Larry', by: 'client' });
  await ws.click('sessions.refresh');
  await ws.until('the new session counted', (s) => s.sessions.status === 'ready' && s.sessions.total === snap.total + 1);
  ({ snap } = await sameAsRest(ws, sam, 'after Refresh'));

  t.step('screenshots: 1440×900 and 1024×768');
  await screenshots(t, ws, 'web.e2e.sessions.server');

  t.step('a row opens its session');
  const first = snap.rows[0];
  await ws.click(`sessions.row.${first}`);
  await ws.until('the session open beside the lists', (s) => !s.sessions.open && s.current === first);

  await ws.close();
  t.step('an operator has no Sessions tab, and REST refuses them');
  const op = await Workspace.open(t, 'web.e2e.sessions.operator', `${server.url}/`, { viewport: { width: 1024, height: 768 } });
  await op.signIn(operator);
  const opSnap = await op.until('the operator\'s workspace', (s) => s.screen === 'workspace' && s.stats && s.link === 'live' && s.widgets['tab.mine'] && s);
  if (opSnap.widgets['tab.sessions'] || opSnap.sessions.open) throw new Error('the operator has a Sessions tab');
  const ana = new Http(server.url, (await anonymous.expect(200, 'POST', '/api/v1/auth/login', operator)).token);
  await ana.expect(403, 'GET', '/api/v1/sessions');
}

async function demoPart(t) {
  const site = await serveStatic(t.args.site);
  t.onCleanup(() => site.close());
  const ws = await Workspace.open(t, 'web.e2e.sessions.demo', `${site.url}/`, { viewport: { width: 1024, height: 768 } });
  await ws.enterDemo();
  t.step('the demo runs fast until sessions were closed');
  await ws.click('demo.speed', { at: 0.98 });
  await ws.until('a few closed sessions', (s) => s.chats.filter((c) => c.state === 'closed').length >= 3, 60000);
  await ws.click('demo.speed', { at: 0.02 });
  await ws.until('the demo clock at 1×', (s) => s.speed === 1);

  t.step('Sessions in the demo: the core query in the page');
  await ws.click('tab.sessions');
  await ws.until('the sessions computed', (s) => s.sessions?.status === 'ready' && s.sessions.total > 0);
  await ws.click('sessions.state.closed');
  const snap = await ws.until('closed only', (s) => s.sessions.status === 'ready' && s.sessions.params.state === 'closed' && s);
  const closed = new Set(snap.chats.filter((c) => c.state === 'closed').map((c) => c.id));
  if (snap.sessions.rows.length === 0 || !snap.sessions.rows.every((id) => closed.has(id)))
    throw new Error(`closed rows ${JSON.stringify(snap.sessions.rows)}, closed chats ${[...closed]}`);

  t.step('the demo\'s CSV is made in the page');
  const [download] = await Promise.all([ws.page.waitForEvent('download', { timeout: 10000 }), ws.click('sessions.csv')]);
  const lines = fs.readFileSync(await download.path(), 'utf8').split('\r\n').filter(Boolean);
  if (!lines[0].startsWith('id,number,group,') || lines.length < snap.sessions.total + 1)
    throw new Error(`demo CSV of ${lines.length} lines for ${snap.sessions.total} sessions`);
  if (!lines.slice(1).every((l) => l.split(',')[4] === 'closed')) throw new Error('the demo CSV has other states');
  await screenshots(t, ws, 'web.e2e.sessions.demo');
}

const part = process.argv.includes('demo') ? 'demo' : 'server';
await runTest(`web.e2e.sessions.${part}`, { deadlineMs: 160000, required: ['site', 'chromium', 'artifacts'] }, async (t) => {
  if (part === 'demo') return demoPart(t);
  if (!t.args.server || !fs.existsSync(t.args.server)) throw new Error('--server is needed for the server part');
  return serverPart(t);
});
