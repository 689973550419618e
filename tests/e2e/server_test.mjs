// web.e2e.server: an agent works a widget customer's session in the browser against the real
// parley-server (a reply, a template by its /shortcut with placeholders filled, an article from the
// knowledge base, a support agent action run against a local service), and the agent panel's
// statistics then equal the server's for the same agent; then
// the customer returns: the earlier session above the new one, a contact and a case from the customer
// panel, and the contact drawer, each checked against REST.
import fs from 'node:fs';
import http from 'node:http';

import { Http } from './lib/http.mjs';
import { runTest } from './lib/harness.mjs';
import { startParleyServer } from './lib/parley_server.mjs';
import { waitFor } from './lib/wait.mjs';
import { Workspace } from './lib/workspace.mjs';

const adminPassword = 'e2e-admin-password';
const agent = { agent: 'ana', name: 'Ana Ortiz', nickname: 'Ana', groups: ['e2e'], roles: ['operator'] };
const login = { login: 'ana.ortiz', password: 'ana-e2e-password' };
const reply = 'Hello Carla, your parcel left the warehouse this morning.';
const timeFields = ['total_ms', 'online_ms', 'dnd_ms', 'offline_ms'];

await runTest('web.e2e.server', { deadlineMs: 200000, required: ['server', 'site', 'chromium', 'artifacts'] }, async (t) => {
  t.step('starting parley-server');
  const server = await startParleyServer({
    binary: t.args.server, site: t.args.site, env: { PARLEY_ADMIN_PASSWORD: adminPassword },
  });
  t.onCleanup(() => server.stop());
  t.onFailure(() => fs.writeFileSync(t.artifact('web.e2e.server.server.log'), server.log()));
  t.step(`server at ${server.url}`);

  t.step('admin: group, agent, login, widget channel');
  const anonymous = new Http(server.url);
  const { token: adminToken } = await anonymous.expect(200, 'POST', '/api/v1/auth/login',
                                                       { login: 'admin', password: adminPassword });
  const admin = new Http(server.url, adminToken);
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'e2e', name: 'E2E Desk', settings: { routing: 'accept' } });
  await admin.expect(201, 'POST', '/api/v1/agents', agent);
  await admin.expect(201, 'POST', '/api/v1/users', { ...login, roles: ['operator'], agent: agent.agent });
  await admin.expect(201, 'POST', '/api/v1/channels',
                     { id: 'site', kind: 'widget', name: 'Website', group: 'e2e', origins: ['*'] });

  t.step('browser: open the workspace');
  const ws = await Workspace.launch({ chromium: t.args.chromium });
  t.onCleanup(() => ws.close());
  t.onFailure(async () => {
    ws.saveConsole(t.artifact('web.e2e.server.console.log'));
    await ws.screenshot(t.artifact('web.e2e.server.png'));
  });
  await ws.load(`${server.url}/`);

  t.step('agent signs in by typing');
  await ws.until('the login screen', (s) => s.screen === 'login');
  await ws.typeInto('login.user', login.login);
  await ws.typeInto('login.password', login.password);
  await ws.click('login.submit');
  await ws.until('the workspace with the agent panel', (s) => s.screen === 'workspace' && s.agent === agent.agent && s.stats);

  t.step('agent goes online');
  await ws.click('status.online');
  await ws.until('status online', (s) => s.stats.status === 'online' && s.link === 'live');

  t.step('customer starts a session through the widget endpoints');
  const session = await anonymous.expect(201, 'POST', '/widget/v1/site/sessions', { name: 'Carla Customer' });
  const customer = new Http(server.url, session.token);
  await customer.expect(200, 'POST', '/widget/v1/messages', { text: 'Hi, where is my parcel?', client_msg_id: 'e2e-1' });
  const chatId = session.chat;
  await ws.until(`session ${chatId} queued in the page`, (s) => s.chats.find((c) => c.id === chatId && c.state === 'queued'));

  t.step('agent opens the queue, the session, and accepts it');
  await ws.click('tab.queue');
  await ws.click(`chat.${chatId}`);
  await ws.until(`session ${chatId} shown`, (s) => s.current === chatId);
  await ws.click('chat.accept');
  await ws.until(`session ${chatId} open and assigned to ${agent.agent}`,
                 (s) => s.chats.find((c) => c.id === chatId && c.state === 'open' && c.assignee === agent.agent));

  t.step('agent types a reply and presses Enter');
  await ws.typeInto('composer.input', reply);
  await ws.press('Enter');

  t.step('customer receives the reply');
  const seen = await waitFor('the reply at the widget endpoint', async () => {
    const got = await customer.get('/widget/v1/messages?after=0');
    return got.messages.find((m) => m.from === 'agent' && m.text === reply);
  }, { timeoutMs: 15000, show: () => customer.get('/widget/v1/messages?after=0') });
  if (seen.name !== agent.nickname && seen.name !== agent.name)
    throw new Error(`the widget shows the reply from "${seen.name}", expected ${agent.nickname}`);

  t.step('a template by its shortcut: "/ship" and Enter put it in with its placeholders filled');
  await admin.expect(201, 'POST', '/api/v1/templates', {
    id: 'ship', title: 'Shipping', shortcut: 'ship', group: 'e2e',
    text: 'Hi {customer.name}, session #{chat.number} ships today. {agent.nickname} of {group.name}',
  });
  await ws.typeInto('composer.input', '/');
  await ws.widget('templates.filter');
  await ws.page.keyboard.type('ship', { delay: 20 });
  await ws.until('the template found by its shortcut', (s) => s.widgets['templates.item.ship']);
  await ws.press('Enter');
  const filled = 'Hi Carla Customer, session #1 ships today. Ana of E2E Desk';
  await waitFor('the filled template in the composer', async () =>
    (await ws.page.evaluate(() => document.getElementById('composer-input')?.value)) === filled,
  { timeoutMs: 10000, show: () => ws.page.evaluate(() => document.getElementById('composer-input')?.value) });
  await ws.press('Enter');
  await waitFor('the filled template at the widget', async () =>
    (await customer.get('/widget/v1/messages?after=0')).messages.find((m) => m.from === 'agent' && m.text === filled),
  { timeoutMs: 15000, show: () => customer.get('/widget/v1/messages?after=0') });

  t.step('an article from the knowledge base: searched, then inserted as its title and link');
  await admin.expect(201, 'POST', '/api/v1/articles', {
    id: 'lost', title: 'A parcel that has not arrived', link: 'https://help.example.com/lost',
    body: 'If tracking has not moved for 5 working days we send a replacement.', tags: ['tracking'],
  });
  await admin.expect(201, 'POST', '/api/v1/articles', { id: 'hours', title: 'Opening hours', body: 'We answer on weekdays.' });
  await ws.click('composer.articles');
  await ws.widget('articles.search');
  await ws.page.keyboard.type('Tracking', { delay: 20 });
  await ws.until('only the matching article listed', (s) => s.widgets['articles.link.lost'] && !s.widgets['articles.item.hours']);
  await ws.click('articles.link.lost');
  const linked = 'A parcel that has not arrived: https://help.example.com/lost';
  await waitFor('the article in the composer', async () =>
    (await ws.page.evaluate(() => document.getElementById('composer-input')?.value)) === linked,
  { timeoutMs: 10000, show: () => ws.page.evaluate(() => document.getElementById('composer-input')?.value) });
  await ws.press('Enter');
  await waitFor('the article link at the widget', async () =>
    (await customer.get('/widget/v1/messages?after=0')).messages.find((m) => m.from === 'agent' && m.text === linked),
  { timeoutMs: 15000, show: () => customer.get('/widget/v1/messages?after=0') });

  t.step('a support agent action: the form checked by the core, the outside service called, its answer on the timeline');
  const calls = [];
  const service = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      calls.push(JSON.parse(body));
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ text: 'Order ORD-12345 shipped on Monday' }));
    });
  });
  await new Promise((resolve) => service.listen(0, '127.0.0.1', resolve));
  t.onCleanup(() => new Promise((resolve) => service.close(resolve)));
  const serviceUrl = `http://127.0.0.1:${service.address().port}`;
  await admin.expect(200, 'PUT', '/api/v1/actions/allowlist', { entries: [serviceUrl] });
  await admin.expect(201, 'POST', '/api/v1/actions', {
    id: 'order', name: 'Order status', endpoint: `${serviceUrl}/orders`,
    fields: [{ name: 'order', label: 'Order', required: true, pattern: 'ORD-#####' }],
  });
  await ws.click('composer.actions');
  await ws.click('actions.item.order');
  await ws.typeInto('actions.field.order', 'ORD-12');
  await ws.click('actions.run');
  await ws.widget('actions.problem.order');
  if (calls.length !== 0) throw new Error('a form the core refuses reached the service');
  await ws.focus('actions.field.order');
  await ws.page.keyboard.press('Control+A');
  await ws.page.keyboard.type('ORD-12345', { delay: 10 });
  await ws.click('actions.run');
  const run = await waitFor('the run answered on the session', async () => {
    const seen = await admin.get(`/api/v1/chats/${chatId}`);
    return seen.timeline.find((item) => item.type === 'action' && item.outcome !== 'pending');
  }, { timeoutMs: 15000, show: () => admin.get(`/api/v1/chats/${chatId}`) });
  if (run.outcome !== 'ok' || run.text !== 'Order ORD-12345 shipped on Monday' || calls[0]?.fields?.order !== 'ORD-12345')
    throw new Error(`the run is ${JSON.stringify(run)}; the service got ${JSON.stringify(calls)}`);
  await ws.until('the run on the timeline', (s) => s.widgets[`timeline.action.${run.id}`]);
  if ((await customer.get('/widget/v1/messages?after=0')).messages.some((m) => m.text.includes('ORD-12345')))
    throw new Error('the action\'s answer reached the customer');

  t.step('agent closes the session');
  await ws.click('action.close');
  await ws.until(`session ${chatId} closed`, (s) => s.chats.find((c) => c.id === chatId && c.state === 'closed'));
  await ws.until('Closed 1 in the agent panel', (s) => s.stats.closed === 1);

  t.step('agent panel statistics equal the server\'s');
  const before = Date.now();
  const page = (await ws.snapshot()).stats;
  const served = await admin.get(`/api/v1/agents/${agent.agent}/stats`);
  const elapsed = Date.now() - before;
  compareStats(page, served, elapsed);
  if (page.closed !== 1) throw new Error(`closed is ${page.closed}, expected 1`);
  t.step(`stats match (reads ${elapsed} ms apart): ${JSON.stringify(page)}`);

  t.step('Carla writes again: a new session, her earlier one listed above it');
  await customer.expect(200, 'POST', '/widget/v1/messages', { text: 'One more thing about the parcel', client_msg_id: 'e2e-3' });
  const again = await ws.until('the new session queued',
    (s) => s.chats.find((c) => c.id !== chatId && c.state === 'queued'));
  await ws.click('tab.queue');
  await ws.click(`chat.${again.id}`);
  await ws.click('chat.accept');
  await ws.until('the customer record with one earlier session',
    (s) => s.customer.chat === again.id && s.customer.record?.history?.length === 1 && s.widgets['chat.earlier.toggle']);
  await ws.click('chat.earlier.toggle');
  await ws.click(`chat.earlier.load.${chatId}`);
  await ws.until('the earlier session\'s messages read', (s) => s.customer.earlier_loaded.includes(chatId));

  t.step('a contact created from the customer panel, with an e-mail typed');
  await ws.click('customer.contact.new');
  await ws.typeInto('customer.contact.email', 'carla@example.com');
  await ws.click('customer.contact.create');
  const contact = await ws.until('the contact in the panel',
    (s) => s.customer.record?.contact?.email === 'carla@example.com' && s.customer.record.contact);
  if (contact.name !== 'Carla Customer') throw new Error(`the contact is named "${contact.name}", expected the customer's name`);
  const history = await admin.get(`/api/v1/chats/${again.id}/history`);
  if (history.contact?.id !== contact.id) throw new Error(`REST links the session to ${JSON.stringify(history.contact)}`);

  t.step('a case from the session, then the contact drawer');
  await ws.click('customer.case.new');
  await ws.typeInto('customer.case.subject', 'Parcel lost in transit');
  await ws.click('customer.case.create');
  const caseRow = await ws.until('the case in the panel', (s) => s.customer.record?.cases?.[0]);
  if (caseRow.subject !== 'Parcel lost in transit' || caseRow.chat !== again.id)
    throw new Error(`the case is ${JSON.stringify(caseRow)}`);
  await ws.click('customer.drawer.open');
  await ws.until('the drawer with both sessions and the case',
    (s) => s.customer.drawer?.sessions?.length === 2 && s.widgets[`drawer.case.${caseRow.id}`]);
  await ws.screenshot(t.artifact('web.e2e.server.customer.png'));
  const record = await admin.get(`/api/v1/contacts/${contact.id}`);
  if (record.cases.length !== 1 || record.sessions.length !== 2)
    throw new Error(`REST's contact record: ${JSON.stringify(record)}`);
  await ws.click('customer.drawer.close');
  await ws.until('the panel back', (s) => s.widgets['customer.case.new']);

  await ws.screenshot(t.artifact('web.e2e.server.png'));
});

// Counts and times exact; durations may differ by the time between the two reads (plus the page's
// estimate of the server clock, kept within a second).
function compareStats(page, served, elapsed) {
  const problems = [];
  const keys = new Set([...Object.keys(page), ...Object.keys(served)]);
  for (const key of keys) {
    if (!(key in page) || !(key in served)) {
      problems.push(`${key} only in ${key in page ? 'the page' : 'the server'}`);
    } else if (timeFields.includes(key)) {
      if (Math.abs(served[key] - page[key]) > elapsed + 1000)
        problems.push(`${key}: page ${page[key]} vs server ${served[key]} (reads ${elapsed} ms apart)`);
    } else if (JSON.stringify(page[key]) !== JSON.stringify(served[key])) {
      problems.push(`${key}: page ${JSON.stringify(page[key])} vs server ${JSON.stringify(served[key])}`);
    }
  }
  if (problems.length)
    throw new Error(`agent panel statistics differ from GET /api/v1/agents/{id}/stats:\n  ${problems.join('\n  ')}`);
}
