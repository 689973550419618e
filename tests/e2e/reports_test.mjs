// web.e2e.reports: the Reports screen. `--part server`: against the real parley-server on a manual
// clock, a supervisor opens Reports and the page's tables (read from the accessible mirror's real
// <table>s) hold exactly the numbers GET /api/v1/reports/… answers, a header click sorts, each CSV
// button saves the same bytes as the .csv route, and an operator has no Reports tab. `--part demo`:
// the offline demo computes its reports in the page, and they agree with the demo's own stored log.
// Screenshots at 1440×900 and 1024×768 in both themes, and the demo's at a device pixel ratio of 2.
import fs from 'node:fs';

import { Http } from './lib/http.mjs';
import { runTest } from './lib/harness.mjs';
import { startManualDesk } from './lib/manual_desk.mjs';
import { serveStatic } from './lib/static_server.mjs';
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
const supervisor = { login: 'sam.super', password: 'sam-e2e-password' };
const operator = { login: 'ana.op', password: 'ana-e2e-password' };

// The mirrored report tables: {id: {caption, columns: [{field, label, tip}], rows: [{key, values: {field: JSON}}]}}.
function mirroredTables(page) {
  return page.evaluate(() => {
    const out = {};
    for (const table of document.querySelectorAll('#a11y-reports table')) {
      const columns = [...table.querySelectorAll('thead th')].map((th) => ({ field: th.dataset.field, label: th.textContent, tip: th.title }));
      const rows = [...table.querySelectorAll('tbody tr')].map((tr) => {
        const values = {}, texts = {};
        for (const cell of tr.children) {
          values[cell.dataset.field] = JSON.parse(cell.dataset.value);
          texts[cell.dataset.field] = cell.textContent;
        }
        return { key: tr.dataset.key, values, texts };
      });
      out[table.dataset.report] = { caption: table.querySelector('caption').textContent, columns, rows };
    }
    return out;
  });
}

// Every REST row is on the page, field for field, and the page has no other row.
function sameAsRest(table, rest, keyField) {
  if (!table) return 'no table';
  if (table.rows.length !== rest.rows.length) return `${table.rows.length} rows on the page, ${rest.rows.length} from REST`;
  for (const row of rest.rows) {
    const shown = table.rows.find((r) => r.key === row[keyField]);
    if (!shown) return `no row ${row[keyField]}`;
    for (const [field, value] of Object.entries(row))
      if (JSON.stringify(shown.values[field]) !== JSON.stringify(value))
        return `${row[keyField]}.${field}: page ${JSON.stringify(shown.values[field])}, REST ${JSON.stringify(value)}`;
    if (Object.keys(shown.values).length !== Object.keys(row).length) return `${row[keyField]}: other fields on the page`;
  }
  return '';
}

// Saves the screen at each size and theme; no Reports widget may lie outside the window.
async function screenshots(t, ws, name, sizes) {
  for (const [width, height] of sizes) {
    await ws.page.setViewportSize({ width, height });
    await ws.until(`the canvas at ${width}×${height}`, (s) => s.display.css_width === width && s.widgets.reports);
    for (const theme of ['light', 'dark']) {
      if ((await ws.snapshot()).theme !== theme) {
        await ws.click('theme.toggle');
        await ws.until(`the ${theme} theme`, (s) => s.theme === theme);
      }
      await ws.until('every glyph drawn', (s) => s.glyphs.wanted === 0);
      await sleep(300);
      const snap = await ws.snapshot();
      for (const [widget, [x, y, w, h]] of Object.entries(snap.widgets))
        if (widget.startsWith('reports') && (x < 0 || x + w > width + 0.5 || y < 0 || y + h > height + 0.5))
          throw new Error(`${widget} at ${[x, y, w, h]} is outside ${width}×${height}`);
      for (const widget of ['reports.close', 'reports.refresh', 'reports.range.custom', 'reports.csv.operators'])
        if (!snap.widgets[widget]) throw new Error(`${widget} is not on screen at ${width}×${height}`);
      await ws.screenshot(t.artifact(`${name}.${width}x${height}.${theme}.png`));
    }
  }
}

async function serverPart(t) {
  const { server, anonymous, admin, tick, now, command } = await startManualDesk(t, 'web.e2e.reports', adminPassword);

  t.step('a morning at the desk: statuses, routed and accepted sessions, replies, a transfer, closes');
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'front', name: 'Front desk', settings: { routing: 'accept', max_active: 3 } });
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'back', name: 'Back office', settings: { routing: 'auto', max_active: 2 } });
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'other', name: 'Other', settings: { routing: 'accept' } });
  for (const agent of team) await admin.expect(201, 'POST', '/api/v1/agents', agent);
  await admin.expect(201, 'POST', '/api/v1/users', { ...supervisor, roles: ['operator'], agent: 'sam' });
  await admin.expect(201, 'POST', '/api/v1/users', { ...operator, roles: ['operator'], agent: 'ana' });
  for (const [id, group] of [['site', 'front'], ['shop', 'back']])
    await admin.expect(201, 'POST', '/api/v1/channels', { id, kind: 'widget', name: id, group, origins: ['*'] });
  await admin.expect(200, 'PUT', '/api/v1/agents/ana/status', { status: 'online' });
  await admin.expect(200, 'PUT', '/api/v1/agents/cy/status', { status: 'online' });
  await admin.expect(200, 'PUT', '/api/v1/agents/bo/status', { status: 'dnd' });
  await tick(5 * 60000);
  const customer = async (channel, name, text) => {
    const session = await anonymous.expect(201, 'POST', `/widget/v1/${channel}/sessions`, { name });
    await new Http(server.url, session.token).expect(200, 'POST', '/widget/v1/messages', { text, client_msg_id: name.replace(/ /g, '-') });
    return session.chat;
  };
  const bea = await customer('shop', 'Bea Back', 'My invoice is wrong');
  await tick(20000);
  const ben = await customer('shop', 'Ben Back', 'Refund please');
  await tick(45000);
  await command({ type: 'message.send', chat: bea, from: 'agent:cy', text: 'Let me look.' });
  await tick(70000);
  await command({ type: 'message.send', chat: ben, from: 'agent:cy', text: 'Sure, one moment.' });
  const bill = await customer('shop', 'Bill Waiting', 'Hello?');  // cy is full: Bill waits
  await tick(3 * 60000);
  const carla = await customer('site', 'Carla Customer', 'Where is parcel 4711?');
  await tick(50000);
  await command({ type: 'chat.accept', chat: carla, agent: 'ana' });
  await tick(25000);
  await command({ type: 'message.send', chat: carla, from: 'agent:ana', text: 'It leaves today.' });
  await tick(2 * 60000);
  await command({ type: 'chat.close', chat: carla, by: 'agent:ana' });
  await admin.expect(200, 'PUT', '/api/v1/agents/bo/status', { status: 'online' });  // Bill goes to bo
  await tick(40000);
  await command({ type: 'message.send', chat: bill, from: 'agent:bo', text: 'Hi Bill, the front desk will help.' });
  await tick(30000);
  await command({ type: 'chat.transfer', chat: bill, by: 'agent:bo', to_group: 'front', reason: 'front desk' });
  await tick(60000);
  await command({ type: 'chat.close', chat: bea, by: 'agent:cy' });
  await tick(10 * 60000);

  const ws = await Workspace.open(t, 'web.e2e.reports.server', `${server.url}/`, { viewport: { width: 1440, height: 900 } });
  await ws.signIn(supervisor);
  await ws.until('the workspace', (s) => s.screen === 'workspace' && s.stats && s.link === 'live');

  t.step('the supervisor opens Reports: today, from the server');
  await ws.click('tab.reports');
  let snap = await ws.until('the reports shown', (s) => s.reports?.status === 'ready' && s.reports);
  const sam = new Http(server.url, (await anonymous.expect(200, 'POST', '/api/v1/auth/login', supervisor)).token);
  const query = `from=${encodeURIComponent(snap.from)}&to=${encodeURIComponent(snap.to)}`;
  if (!snap.from.startsWith(new Date(now()).toISOString().slice(0, 10))) throw new Error(`today is ${snap.from}`);
  const rest = {
    operators: await sam.get(`/api/v1/reports/operators?${query}`),
    live_chats: await sam.get(`/api/v1/reports/live_chats?${query}`),
  };
  const agents = rest.operators.rows.map((r) => r.agent).sort();
  if (JSON.stringify(agents) !== JSON.stringify(['ana', 'bo', 'cy', 'sam'])) throw new Error(`REST agents ${agents}`);
  if (!rest.operators.rows.some((r) => r.first_response.count > 0)) throw new Error('no first responses in the day');

  t.step('the mirrored tables hold exactly the REST numbers');
  const tables = await waitFor('the mirror\'s tables as REST has them', async () => {
    const shown = await mirroredTables(ws.page);
    return !sameAsRest(shown.operators, rest.operators, 'agent') && !sameAsRest(shown.live_chats, rest.live_chats, 'group') && shown;
  }, { timeoutMs: 10000, show: async () => {
    const shown = await mirroredTables(ws.page);
    return [sameAsRest(shown.operators, rest.operators, 'agent'), sameAsRest(shown.live_chats, rest.live_chats, 'group')];
  } });
  for (const table of Object.values(tables))
    for (const column of table.columns) if (!column.tip || !column.label) throw new Error(`column without a definition ${JSON.stringify(column)}`);
  const cyRow = tables.operators.rows.find((r) => r.key === 'cy');
  t.step(`cy on the page: ${JSON.stringify(cyRow.texts)}`);
  if (!tables.operators.caption.startsWith("Operators' performance")) throw new Error(`caption ${tables.operators.caption}`);
  // By display name: Ana Ortiz, Bo Berg, Cy Chen, Sam.
  if (tables.operators.rows.map((r) => r.key).join() !== 'ana,bo,cy,sam') throw new Error('not sorted by name');

  t.step('a header click sorts by that column, most first');
  // A pointer over the table first: the frames it brings let the columns settle before their places are read.
  await ws.click('reports.operators.head.replies');
  const byReplies = [...rest.operators.rows].sort((a, b) => b.replies - a.replies || (a.agent < b.agent ? -1 : 1)).map((r) => r.agent);
  await waitFor('sorted by replies', async () => (await mirroredTables(ws.page)).operators.rows.map((r) => r.key).join() === byReplies.join(),
                { timeoutMs: 5000, show: async () => (await mirroredTables(ws.page)).operators.rows.map((r) => r.key) });

  t.step('each CSV button saves the bytes of the .csv route');
  for (const kind of ['operators', 'live_chats']) {
    const [download] = await Promise.all([ws.page.waitForEvent('download', { timeout: 10000 }), ws.click(`reports.csv.${kind}`)]);
    const saved = fs.readFileSync(await download.path());
    const route = await fetch(`${server.url}/api/v1/reports/${kind}.csv?${query}`, { headers: { Authorization: `Bearer ${sam.token}` } });
    const expected = Buffer.from(await route.arrayBuffer());
    if (!saved.equals(expected)) throw new Error(`${kind} CSV differs:\n${saved}\n---\n${expected}`);
    if (!download.suggestedFilename().startsWith(`${kind}_`)) throw new Error(`file name ${download.suggestedFilename()}`);
    fs.writeFileSync(t.artifact(`web.e2e.reports.server.${kind}.csv`), saved);
  }

  t.step('one group, and yesterday (nothing happened then)');
  await ws.click('reports.group.back');
  snap = await ws.until('the back office only', (s) => s.reports.status === 'ready' && s.reports.group === 'back' && s.reports);
  const back = await sam.get(`/api/v1/reports/live_chats?${query}&group=back`);
  await waitFor('the back office as REST has it', async () => !sameAsRest((await mirroredTables(ws.page)).live_chats, back, 'group'),
                { timeoutMs: 5000 });
  await ws.click('reports.group.all');
  await ws.click('reports.range.yesterday');
  snap = await ws.until('yesterday', (s) => s.reports.status === 'ready' && s.reports.from < snap.from && s.reports);
  // The mirror follows the screen at most twice a second: wait for yesterday's tables in it.
  await waitFor('no sessions yesterday in the mirrored table', async () => {
    const shown = (await mirroredTables(ws.page)).live_chats;
    return shown && shown.rows.length > 0 && shown.rows.every((r) => r.values.started === 0);
  }, { timeoutMs: 5000, show: async () => JSON.stringify((await mirroredTables(ws.page)).live_chats?.rows) });
  await ws.click('reports.range.today');
  await ws.until('today again', (s) => s.reports.status === 'ready' && s.reports.from > snap.from);

  t.step('screenshots: 1440×900 and 1024×768, light and dark');
  await screenshots(t, ws, 'web.e2e.reports.server', [[1440, 900], [1024, 768]]);
  await ws.close();

  t.step('an operator has no Reports tab');
  const op = await Workspace.open(t, 'web.e2e.reports.operator', `${server.url}/`, { viewport: { width: 1024, height: 768 } });
  await op.signIn(operator);
  const opSnap = await op.until('the operator\'s workspace', (s) => s.screen === 'workspace' && s.stats && s.link === 'live' && s.widgets['tab.mine'] && s);
  if (opSnap.widgets['tab.reports'] || opSnap.reports.open) throw new Error('the operator has a Reports tab');
  if ((await mirroredTables(op.page)).operators) throw new Error('report tables in the operator\'s page');
  const refused = await new Http(server.url, (await anonymous.expect(200, 'POST', '/api/v1/auth/login', operator)).token)
    .get(`/api/v1/reports/live_chats?${query}`);
  if (refused.rows.length !== 0) throw new Error('REST gives the operator group rows');
}

async function demoPart(t) {
  const site = await serveStatic(t.args.site);
  t.onCleanup(() => site.close());
  const ws = await Workspace.open(t, 'web.e2e.reports.demo', `${site.url}/`, { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2 });
  await ws.enterDemo();
  t.step('the demo runs fast until sessions were answered');
  await ws.click('demo.speed', { at: 0.98 });
  await ws.until('a faster demo clock', (s) => s.speed > 30);
  await ws.until('a few closed sessions', (s) => s.chats.filter((c) => c.state === 'closed').length >= 3, 60000);
  await ws.click('demo.speed', { at: 0.02 });
  await ws.until('the demo clock at 1×', (s) => s.speed === 1);

  t.step('Reports in the demo: computed in the page');
  await ws.click('tab.reports');
  const today = await ws.until('the reports computed', (s) => s.reports?.status === 'ready' && s.reports);
  // The fast demo clock may have passed midnight: the last seven days hold its sessions whatever the hour.
  await ws.click('reports.range.last_7_days');
  const snap = await ws.until('the last seven days computed', (s) => s.reports?.status === 'ready' && s.reports.from < today.from && s.reports);
  await sleep(1200);  // the mirror follows the screen at most twice a second
  const tables = await waitFor('the mirror\'s tables', async () => {
    const shown = await mirroredTables(ws.page);
    return shown.operators?.rows.length > 0 && shown.live_chats?.rows.length > 0 && shown;
  }, { timeoutMs: 10000 });
  const used = (await ws.snapshot()).reports;
  t.step(`computed over ${used.log_events} events as of ${used.as_of}`);

  t.step('the page\'s numbers agree with the demo\'s stored log');
  const log = await waitFor('the log stored as far as the page computed', async () => {
    const stored = await ws.stored();
    const meta = JSON.parse(stored['parley.demo.meta'] ?? '{}');
    if (!(meta.events >= used.log_events)) return null;
    const events = [];
    for (let c = 0; events.length < used.log_events; ++c)
      for (const line of (stored[`parley.demo.log.${c}`] ?? '').split('\n')) if (line) events.push(JSON.parse(line));
    return events.slice(0, used.log_events);
  }, { timeoutMs: 10000 });
  const from = Date.parse(used.from), to = Math.min(Date.parse(used.to), Date.parse(used.as_of) + 1);
  const inRange = log.filter((e) => Date.parse(e.at) >= from && Date.parse(e.at) < to);
  for (const row of tables.live_chats.rows) {
    const started = inRange.filter((e) => e.type === 'chat.started' && e.group === row.key).length;
    if (row.values.started !== started) throw new Error(`${row.key} started ${row.values.started}, the log ${started}`);
  }
  for (const row of tables.operators.rows) {
    const replies = inRange.filter((e) => e.type === 'message.sent' && e.from === `agent:${row.key}`).length;
    if (row.values.replies !== replies) throw new Error(`${row.key} replies ${row.values.replies}, the log ${replies}`);
  }
  if (!tables.live_chats.rows.some((r) => r.values.started > 0)) throw new Error('no sessions in the demo\'s reports');
  if (snap.rows.operators.length !== tables.operators.rows.length) throw new Error('the mirror and the screen differ');

  t.step('the demo\'s CSV is made in the page');
  const [download] = await Promise.all([ws.page.waitForEvent('download', { timeout: 10000 }), ws.click('reports.csv.live_chats')]);
  const csv = fs.readFileSync(await download.path(), 'utf8').split('\r\n');
  if (!csv[0].startsWith('group,started,') || csv.length !== tables.live_chats.rows.length + 2)
    throw new Error(`demo CSV:\n${csv.join('\n')}`);

  t.step('screenshots of the demo\'s reports at 1024×768 on a device pixel ratio of 2');
  await screenshots(t, ws, 'web.e2e.reports.demo.dpr2', [[1024, 768]]);
}

const part = process.argv.includes('demo') ? 'demo' : 'server';
await runTest(`web.e2e.reports.${part}`, { deadlineMs: 160000, required: ['site', 'chromium', 'artifacts'] }, async (t) => {
  if (part === 'demo') return demoPart(t);
  if (!t.args.server || !fs.existsSync(t.args.server)) throw new Error('--server is needed for the server part');
  return serverPart(t);
});
