// web.e2e.admin: the Admin screen against the real parley-server. An admin, in the browser only, creates
// a login with roles (and its agent), edits its roles and name, sets a new password (it signs in, the old one not),
// disables it (sign-in refused); changes a group's settings and business hours; creates a channel (after
// the server's own refusal of an unknown group is shown) and a template; adds and removes a blocklist rule;
// sets retention. Each change is checked with REST GET. An operator has no Admin tab. Screenshots at
// 1440×900 and 1024×768, and 1024×768 on a device pixel ratio of 2.
import fs from 'node:fs';

import { runTest } from './lib/harness.mjs';
import { startManualDesk } from './lib/manual_desk.mjs';
import { sleep } from './lib/wait.mjs';
import { Workspace } from './lib/workspace.mjs';

const adminPassword = 'e2e-admin-password';
const boss = { login: 'ada.admin', password: 'ada-e2e-password' };
const operator = { login: 'ann.op', password: 'ann-e2e-password' };

function check(ok, what) {
  if (!ok) throw new Error(what);
}

// Runs `act` and waits until the screen has sent what it queued and read the records again.
async function change(ws, what, act) {
  const before = (await ws.snapshot()).admin;
  await act();
  return ws.until(what, (s) => s.admin.status === 'ready' && !s.admin.busy && s.admin.loaded > before.loaded && s.admin);
}

async function ok(ws, what, act) {
  const admin = await change(ws, what, act);
  check(admin.error === '', `${what}: ${admin.error}`);
  return admin;
}

async function section(ws, name) {
  await ws.click(`admin.section.${name}`);
  await ws.until(`the ${name} section`, (s) => s.admin.section === name);
}

async function screenshots(ws, t, name, sizes) {
  for (const [width, height] of sizes) {
    await ws.page.setViewportSize({ width, height });
    await ws.until(`the canvas at ${width}×${height}`, (s) => s.display.css_width === width && s.widgets.admin);
    await ws.until('every glyph drawn', (s) => s.glyphs.wanted === 0);
    await sleep(300);
    await ws.screenshot(t.artifact(`${name}.${width}x${height}.png`));
  }
}

async function serverPart(t) {
  const { server, anonymous, admin } = await startManualDesk(t, 'web.e2e.admin', adminPassword);
  await admin.expect(201, 'POST', '/api/v1/groups', { group: 'front', name: 'Front desk', settings: { routing: 'accept' } });
  await admin.expect(201, 'POST', '/api/v1/agents', { agent: 'ada', name: 'Ada Admin', groups: ['front'], roles: ['operator', 'admin'] });
  await admin.expect(201, 'POST', '/api/v1/agents', { agent: 'ann', name: 'Ann Lee', groups: ['front'], roles: ['operator'] });
  await admin.expect(201, 'POST', '/api/v1/users', { ...boss, roles: ['operator'], agent: 'ada' });
  await admin.expect(201, 'POST', '/api/v1/users', { ...operator, roles: ['operator'], agent: 'ann' });
  const signIn = (login, password) => anonymous.call('POST', '/api/v1/auth/login', { login, password });
  const user = async (login) => (await admin.get('/api/v1/users')).users.find((u) => u.login === login);

  const ws = await Workspace.open(t, 'web.e2e.admin.server', `${server.url}/`, { viewport: { width: 1440, height: 900 } });
  await ws.signIn(boss);
  await ws.until('the workspace', (s) => s.screen === 'workspace' && s.stats && s.link === 'live' && s.widgets['tab.admin']);
  await ws.click('tab.admin');
  await ws.until('the records read', (s) => s.admin?.status === 'ready' && s.admin.records.users?.length === 3);

  t.step('a new login with roles, and its new agent');
  await ws.typeInto('admin.user.login', 'zoe');
  await ws.typeInto('admin.user.password', 'zoe-first-pass');
  await ws.typeInto('admin.user.agent', 'zoe');
  await ws.click('admin.user.role.supervisor');
  await ok(ws, 'the login created', () => ws.click('admin.user.create'));
  let zoe = await user('zoe');
  check(zoe && zoe.agent === 'zoe' && JSON.stringify(zoe.roles) === '["operator","supervisor"]', `zoe: ${JSON.stringify(zoe)}`);
  check((await signIn('zoe', 'zoe-first-pass')).status === 200, 'zoe cannot sign in');

  t.step('her roles edited, a new password, then disabled');
  await ws.click('admin.user.row.zoe');
  await ws.until('zoe picked', (s) => s.widgets['admin.user.save_roles']);
  await ws.click('admin.user.role.supervisor');
  await ws.click('admin.user.role.reader');
  await ws.typeInto('admin.user.name', 'Zoe Lane');
  await ok(ws, 'the roles saved', () => ws.click('admin.user.save_roles'));
  zoe = await user('zoe');
  check(JSON.stringify(zoe.roles) === '["operator","reader"]', `zoe's roles: ${JSON.stringify(zoe.roles)}`);
  const agent = (await admin.get('/api/v1/agents')).agents.find((a) => a.id === 'zoe');
  check(agent.name === 'Zoe Lane', `zoe's agent: ${JSON.stringify(agent)}`);
  await ws.typeInto('admin.user.new_password', 'zoe-second-pass');
  await ok(ws, 'the password set', () => ws.click('admin.user.reset_password'));
  check((await signIn('zoe', 'zoe-second-pass')).status === 200, 'the new password does not sign in');
  check((await signIn('zoe', 'zoe-first-pass')).status === 401, 'the old password still signs in');
  await ok(ws, 'zoe disabled', () => ws.click('admin.user.disable'));
  check((await user('zoe')).disabled === true, 'zoe is not disabled');
  check((await signIn('zoe', 'zoe-second-pass')).status === 401, 'a disabled login signs in');
  await screenshots(ws, t, 'web.e2e.admin.users', [[1440, 900]]);

  t.step('a group\'s settings and business hours');
  await section(ws, 'groups');
  await ws.click('admin.group.row.front');
  await ws.click('admin.group.routing.auto');
  await ws.typeInto('admin.group.max_active', '3');
  await ws.click('admin.group.hours');
  await ws.typeInto('admin.group.zone', 'Europe/Paris');
  await ws.typeInto('admin.group.day.mon', '09:00-12:00, 13:00-17:30');
  await ws.typeInto('admin.group.day.tue', '9 to 5');
  await ws.click('admin.group.save');
  let shown = await ws.until('a bad day refused in the page', (x) => x.admin.error !== '' && x.admin);
  check(/tue/.test(shown.error), `the refusal does not name the day: ${shown.error}`);
  await ws.typeInto('admin.group.day.tue', '10:00-16:00');
  await ok(ws, 'the group saved', () => ws.click('admin.group.save'));
  const front = (await admin.get('/api/v1/groups')).groups.find((g) => g.id === 'front');
  const s = front.settings;
  check(s.routing === 'auto' && s.max_active === 3, `front's settings: ${JSON.stringify(s)}`);
  check(JSON.stringify(s.business_hours) ===
        JSON.stringify({ zone: 'Europe/Paris', week: { mon: ['09:00-12:00', '13:00-17:30'], tue: ['10:00-16:00'] } }),
        `front's hours: ${JSON.stringify(s.business_hours)}`);
  await screenshots(ws, t, 'web.e2e.admin.groups', [[1440, 900], [1024, 768]]);
  await ws.page.setViewportSize({ width: 1440, height: 900 });

  t.step('a channel, after the server\'s refusal of an unknown group');
  await section(ws, 'channels');
  await ws.typeInto('admin.channel.id', 'site2');
  await ws.typeInto('admin.channel.name', 'Second site');
  await ws.typeInto('admin.channel.group', 'nowhere');
  await ws.typeInto('admin.channel.origins', '*');
  shown = await change(ws, 'the refusal', () => ws.click('admin.channel.save'));
  check(shown.error === 'no group nowhere', `the server's refusal is not shown: "${shown.error}"`);
  await ws.typeInto('admin.channel.group', 'front');
  await ok(ws, 'the channel created', () => ws.click('admin.channel.save'));
  const site2 = (await admin.get('/api/v1/channels')).channels.find((c) => c.id === 'site2');
  check(site2 && site2.group === 'front' && site2.name === 'Second site' && site2.kind === 'widget', `site2: ${JSON.stringify(site2)}`);

  t.step('a template');
  await section(ws, 'templates');
  await ws.typeInto('admin.template.title', 'Greeting');
  await ws.typeInto('admin.template.text', 'Hello, how can I help?');
  await ok(ws, 'the template created', () => ws.click('admin.template.save'));
  const templates = (await admin.get('/api/v1/templates')).templates;
  check(templates.some((x) => x.title === 'Greeting' && x.text === 'Hello, how can I help?'), `templates: ${JSON.stringify(templates)}`);

  t.step('a blocklist rule added and removed');
  await section(ws, 'blocklist');
  await ws.typeInto('admin.rule.value', 'cheap pills');
  await ws.click('admin.rule.action.spam');
  await ok(ws, 'the rule added', () => ws.click('admin.rule.add'));
  const rules = (await admin.get('/api/v1/blocklist')).rules;
  check(rules.length === 1 && rules[0].value === 'cheap pills' && rules[0].action === 'spam' && rules[0].kind === 'text',
        `rules: ${JSON.stringify(rules)}`);
  await screenshots(ws, t, 'web.e2e.admin.blocklist', [[1024, 768]]);
  await ok(ws, 'the rule removed', () => ws.click(`admin.rule.remove.${rules[0].id}`));
  check((await admin.get('/api/v1/blocklist')).rules.length === 0, 'the rule is still there');

  t.step('retention');
  await section(ws, 'retention');
  await ws.typeInto('admin.retention.days', '30');
  await ok(ws, 'retention set', () => ws.click('admin.retention.save'));
  check((await admin.get('/api/v1/retention')).days === 30, 'retention is not 30 days');
  await screenshots(ws, t, 'web.e2e.admin.retention', [[1024, 768]]);
  await ws.close();

  t.step('an operator has no Admin tab; then the admin at a device pixel ratio of 2');
  const hi = await Workspace.open(t, 'web.e2e.admin.dpr2', `${server.url}/`, { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2 });
  await hi.signIn(operator);
  const opSnap = await hi.until('the operator\'s workspace', (x) => x.screen === 'workspace' && x.stats && x.link === 'live' && x.widgets['tab.mine'] && x);
  check(!opSnap.widgets['tab.admin'] && !opSnap.admin.open, 'the operator has an Admin tab');
  await hi.click('session.signout');
  await hi.until('the login screen', (x) => x.screen === 'login');
  await hi.focus('login.user');  // it keeps the last login: erased first
  await hi.press('End');
  for (let i = 0; i < operator.login.length; ++i) await hi.press('Backspace');
  await hi.signIn(boss);
  await hi.until('the workspace', (x) => x.screen === 'workspace' && x.link === 'live' && x.widgets['tab.admin']);
  await hi.click('tab.admin');
  await hi.until('the records read', (x) => x.admin?.status === 'ready');
  await section(hi, 'groups');
  await hi.click('admin.group.row.front');
  await screenshots(hi, t, 'web.e2e.admin.dpr2', [[1024, 768]]);
}

await runTest('web.e2e.admin', { deadlineMs: 160000, required: ['site', 'chromium', 'artifacts'] }, async (t) => {
  if (!t.args.server || !fs.existsSync(t.args.server)) throw new Error('--server is needed');
  return serverPart(t);
});
