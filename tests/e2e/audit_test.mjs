// web.e2e.audit: the Audit screen. Against the real parley-server on a manual clock, an admin opens
// Audit and the page's rows are exactly the first page GET /api/v1/audit answers, an actor filter shows
// REST's filtered rows, Older pages on with REST's cursor, and an operator has no Audit tab. Then the
// offline demo's Audit screen shows rows made from its own log. Screenshots at 1440×900 and 1024×768.
import fs from 'node:fs';

import { Http } from './lib/http.mjs';
import { runTest } from './lib/harness.mjs';
import { startManualDesk } from './lib/manual_desk.mjs';
import { serveStatic } from './lib/static_server.mjs';
import { sleep } from './lib/wait.mjs';
import { Workspace } from './lib/workspace.mjs';

const adminPassword = 'e2e-admin-password';
const boss = { login: 'ada.admin', password: 'ada-e2e-password' };
const operator = { login: 'ann.op', password: 'ann-e2e-password' };

// The fields the screen shows of a row, as REST and the test hook both give them.
const shown = (rows) => rows.map((r) => [r.at, r.actor, r.by, r.action, r.kind, r.record, r.chat, r.summary].join('|'));

function same(page, rest, what) {
  const a = shown(page), b = shown(rest);
  if (a.length === 0) throw new Error(`${what}: no rows`);
  if (JSON.stringify(a) !== JSON.stringify(b))
    throw new Error(`${what}: page\n${a.join('\n')}\nREST\n${b.join('\n')}`);
}

async function screenshots(t, ws, name) {
  for (const [width, height] of [[1440, 900], [1024, 768]]) {
    await ws.page.setViewportSize({ width, height });
    const snap = await ws.until(`the canvas at ${width}×${height}`, (s) => s.display.css_width === width && s.widgets.audit && s);
    for (const widget of ['audit.close', 'audit.apply', 'audit.older', 'audit.actor', 'audit.row.0'])
      if (!snap.widgets[widget]) throw new Error(`${widget} is not on screen at ${width}×${height}`);
    await ws.until('every glyph drawn', (s) => s.glyphs.wanted === 0);
    await sleep(300);
    await ws.screenshot(t.artifact(`${name}.${width}x${height}.png`));
  }
}

async function serverPart(t) {
  const { server, anonymous, admin, tick } = await startManualDesk(t, 'web.e2e.audit', adminPassword);

  t.step('admin records and desk commands by three logins');
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'front', name: 'Front desk', settings: { routing: 'accept' } });
  await admin.expect(201, 'POST', '/api/v1/agents', { agent: 'ada', name: 'Ada Admin', groups: ['front'], roles: ['operator', 'admin'] });
  await admin.expect(201, 'POST', '/api/v1/agents', { agent: 'ann', name: 'Ann Lee', groups: ['front'], roles: ['operator'] });
  await admin.expect(201, 'POST', '/api/v1/users', { ...boss, roles: ['operator'], agent: 'ada' });
  await admin.expect(201, 'POST', '/api/v1/users', { ...operator, roles: ['operator'], agent: 'ann' });
  await tick(60000);
  await admin.expect(201, 'POST', '/api/v1/templates', { id: 'hi', title: 'Greeting', text: 'Hello, how can I help?' });
  await admin.expect(201, 'POST', '/api/v1/channels', { id: 'site', kind: 'widget', name: 'Site', group: 'front', origins: ['*'] });
  const ann = new Http(server.url, (await anonymous.expect(200, 'POST', '/api/v1/auth/login', operator)).token);
  await ann.expect(200, 'PUT', '/api/v1/agents/ann/status', { status: 'online' });
  for (let i = 1; i <= 30; ++i) {
    await tick(20000);
    await admin.expect(200, 'POST', '/api/v1/commands', { type: 'chat.start', chat: `c${i}`, group: 'front', channel: 'Site', client: `client${i}`, by: 'client' });
    await ann.expect(200, 'POST', '/api/v1/commands', { type: 'chat.accept', chat: `c${i}`, agent: 'ann' });
    await ann.expect(200, 'POST', `/api/v1/chats/c${i}/messages`, { text: `answer number ${i}` });
  }
  const ada = new Http(server.url, (await anonymous.expect(200, 'POST', '/api/v1/auth/login', boss)).token);

  const ws = await Workspace.open(t, 'web.e2e.audit.server', `${server.url}/`, { viewport: { width: 1440, height: 900 } });
  await ws.signIn(boss);
  await ws.until('the workspace', (s) => s.screen === 'workspace' && s.stats && s.link === 'live' && s.widgets['tab.audit']);

  t.step('the admin opens Audit: the first page is REST\'s');
  await ws.click('tab.audit');
  let snap = await ws.until('the audit rows', (s) => s.audit?.status === 'ready' && s.audit);
  let first = await ada.get('/api/v1/audit?limit=50');
  // The workspace's own sign-in may write a row after the page read: Refresh reads again.
  for (let tries = 0; tries < 3 && JSON.stringify(shown(snap.rows)) !== JSON.stringify(shown(first.entries)); ++tries) {
    const computed = snap.computed;
    await ws.click('audit.refresh');
    snap = await ws.until('the rows read again', (s) => s.audit?.status === 'ready' && s.audit.computed > computed && s.audit);
    first = await ada.get('/api/v1/audit?limit=50');
  }
  same(snap.rows, first.entries, 'first page');
  if (!snap.more || !first.next_cursor) throw new Error('the first page says nothing follows');
  if (!first.entries.some((r) => r.actor === 'ann.op' && r.action === 'message.sent')) throw new Error('no message by ann.op on the first page');
  if (JSON.stringify(first).includes('answer number')) throw new Error('message text in the audit');

  t.step('Older shows the page after REST\'s cursor');
  await ws.click('audit.older');
  snap = await ws.until('the second page', (s) => s.audit?.status === 'ready' && s.audit.page === 1 && s.audit);
  same(snap.rows, (await ada.get(`/api/v1/audit?limit=50&cursor=${encodeURIComponent(first.next_cursor)}`)).entries, 'second page');
  await ws.click('audit.newer');
  await ws.until('the first page again', (s) => s.audit?.status === 'ready' && s.audit.page === 0);

  t.step('an actor filter shows REST\'s filtered rows');
  await ws.typeInto('audit.actor', 'admin');
  await ws.click('audit.apply');
  snap = await ws.until('the admin\'s rows', (s) => s.audit?.status === 'ready' && s.audit.rows.length > 0 && s.audit.rows.every((r) => r.actor === 'admin') && s.audit);
  same(snap.rows, (await ada.get('/api/v1/audit?limit=50&actor=admin')).entries, 'actor=admin');
  if (!snap.rows.some((r) => r.action === 'template.create')) throw new Error('no template.create by admin');

  t.step('screenshots');
  await screenshots(t, ws, 'web.e2e.audit.server');
  await ws.close();

  t.step('an operator has no Audit tab, and REST refuses them');
  const op = await Workspace.open(t, 'web.e2e.audit.operator', `${server.url}/`, { viewport: { width: 1024, height: 768 } });
  await op.signIn(operator);
  const opSnap = await op.until('the operator\'s workspace', (s) => s.screen === 'workspace' && s.stats && s.link === 'live' && s.widgets['tab.mine'] && s);
  if (opSnap.widgets['tab.audit'] || opSnap.audit.open) throw new Error('the operator has an Audit tab');
  await ann.expect(403, 'GET', '/api/v1/audit');
}

async function demoPart(t) {
  const site = await serveStatic(t.args.site);
  t.onCleanup(() => site.close());
  const ws = await Workspace.open(t, 'web.e2e.audit.demo', `${site.url}/`, { viewport: { width: 1440, height: 900 } });
  await ws.enterDemo();
  t.step('the demo\'s Audit screen formats its own log');
  await ws.click('tab.audit');
  const snap = await ws.until('the demo\'s audit rows', (s) => s.audit?.status === 'ready' && s.audit.rows.length > 0 && s.audit);
  for (let i = 1; i < snap.rows.length; ++i)
    if (Date.parse(snap.rows[i - 1].at) < Date.parse(snap.rows[i].at)) throw new Error('the demo\'s rows are not newest first');
  if (!snap.rows.some((r) => r.action === 'agent.created' || r.kind === 'chat')) throw new Error('no desk rows in the demo');
  await screenshots(t, ws, 'web.e2e.audit.demo');
}

const part = process.argv.includes('demo') ? 'demo' : 'server';
await runTest(`web.e2e.audit.${part}`, { deadlineMs: 160000, required: ['site', 'chromium', 'artifacts'] }, async (t) => {
  if (part === 'demo') return demoPart(t);
  if (!t.args.server || !fs.existsSync(t.args.server)) throw new Error('--server is needed for the server part');
  return serverPart(t);
});
