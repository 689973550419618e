// web.e2e.flow: where the agent lands after each action, against the real parley-server, driven by
// mouse and keyboard in headless Chromium: Accept lands in My sessions with the reply focused; a
// transfer (by mouse, and by Alt+T) takes the session off the screen with a toast naming the target;
// Alt+ shortcuts from the composer, the shortcut help, the command palette (opens, filters, runs, finds
// another customer), the search scope and Escape, Close with Undo. The palette's entries, the toast's
// Undo and the transfer popup's lists are clicked with quick mouse clicks (press and release between
// two frames). Screenshots at 1440×900 and 1024×768.
import fs from 'node:fs';

import { Http } from './lib/http.mjs';
import { runTest } from './lib/harness.mjs';
import { startParleyServer } from './lib/parley_server.mjs';
import { sleep, waitFor } from './lib/wait.mjs';
import { Workspace } from './lib/workspace.mjs';

const testName = 'web.e2e.flow';
const adminPassword = 'e2e-admin-password';
const ana = { agent: 'ana', name: 'Ana Ortiz', nickname: 'Ana', groups: ['front', 'support'], roles: ['operator'] };
const zed = { agent: 'zed', name: 'Zed Quinn', nickname: 'Zed', groups: ['front', 'support'], roles: ['operator'] };
const login = { login: 'ana.ortiz', password: 'ana-e2e-password' };

await runTest(testName, { deadlineMs: 160000, required: ['server', 'site', 'chromium', 'artifacts'] }, async (t) => {
  t.step('starting parley-server');
  const server = await startParleyServer({
    binary: t.args.server, site: t.args.site, env: { PARLEY_ADMIN_PASSWORD: adminPassword },
  });
  t.onCleanup(() => server.stop());
  t.onFailure(() => fs.writeFileSync(t.artifact(`${testName}.server.log`), server.log()));

  t.step('admin: Front desk and Support (accept), Ana and Zed (online), a widget channel into Front desk');
  const anonymous = new Http(server.url);
  const { token: adminToken } = await anonymous.expect(200, 'POST', '/api/v1/auth/login',
                                                       { login: 'admin', password: adminPassword });
  const admin = new Http(server.url, adminToken);
  for (const [group, name] of [['front', 'Front desk'], ['support', 'Support']])
    await admin.expect(201, 'POST', '/api/v1/groups', { group, name, settings: { routing: 'accept' } });
  await admin.expect(201, 'POST', '/api/v1/agents', ana);
  await admin.expect(201, 'POST', '/api/v1/agents', zed);
  await admin.expect(201, 'POST', '/api/v1/users', { ...login, roles: ['operator'], agent: ana.agent });
  await admin.expect(200, 'POST', '/api/v1/commands', { type: 'agent.set_status', agent: 'zed', status: 'online' });
  await admin.expect(201, 'POST', '/api/v1/channels', { id: 'site', kind: 'widget', name: 'site', group: 'front', origins: ['*'] });
  const customer = async (name, text) => {
    const started = await anonymous.expect(201, 'POST', '/widget/v1/site/sessions', { name });
    await new Http(server.url, started.token).expect(200, 'POST', '/widget/v1/messages', { text, client_msg_id: `${name.replace(/\W/g, "-")}-1` });
    return started.chat;
  };

  const ws = await Workspace.launch({ chromium: t.args.chromium, viewport: { width: 1440, height: 900 } });
  t.onCleanup(() => ws.close());
  t.onFailure(async () => {
    ws.saveConsole(t.artifact(`${testName}.console.log`));
    await ws.screenshot(t.artifact(`${testName}.failed.png`));
  });
  await ws.load(`${server.url}/`);
  await ws.until('the login screen', (s) => s.screen === 'login');
  await ws.typeInto('login.user', login.login);
  await ws.typeInto('login.password', login.password);
  await ws.click('login.submit');
  await ws.until('the workspace', (s) => s.screen === 'workspace' && s.stats);
  await ws.click('status.online');
  await ws.until('online and live', (s) => s.stats.status === 'online' && s.link === 'live');
  const active = () => ws.page.evaluate(() => document.activeElement?.id ?? '');
  // Ctrl+K, then typing once the palette's field has the keyboard.
  const palette = async (text) => {
    await ws.press('Control+K');
    await ws.until('the palette open', (s) => s.palette && s.widgets['palette.input']);
    await waitFor('the palette\'s field focused', async () => (await active()) === 'text-input', { timeoutMs: 5000, show: active });
    await sleep(200);
    await ws.page.keyboard.type(text, { delay: 20 });
  };
  // Picks `item` in the transfer popup's combo with quick clicks, as soon as the list reports it, and
  // presses Transfer (disabled until a target is chosen: a popup still open afterwards is a missed pick).
  const transferTo = async (combo, item) => {
    await ws.quickClick(combo);
    await ws.quickClick(item);
    await ws.until(`${item} chosen`, (s) => !s.widgets[item] && s.widgets['transfer.submit']);
    await ws.quickClick('transfer.submit');
    await ws.until('the transfer popup closed', (s) => !s.widgets['transfer.submit'], 5000);
  };
  const toast = (text) => ws.until(`a toast "${text}" on screen`, (s) => s.widgets['toast.0'] && s.toasts.find((x) => x.text.startsWith(text)));

  t.step('Accept (a click in the Queue) lands in My sessions with the session open and the reply focused');
  const carla = await customer('Carla Customer', 'Is anyone there?');
  await ws.click('tab.queue');
  await ws.click(`chat.accept.${carla}`);
  await ws.until('My sessions with Carla open', (s) => s.tab === 'mine' && s.current === carla &&
    s.chats.find((c) => c.id === carla)?.assignee === 'ana' && s.widgets[`chat.${carla}`]);
  await toast('Accepted #1 Carla Customer');
  await waitFor('the composer focused', async () => (await active()) === 'composer-input', { timeoutMs: 5000, show: active });
  await ws.page.keyboard.type('Hello Carla, one moment.', { delay: 10 });
  await ws.press('Enter');
  await ws.screenshot(t.artifact(`${testName}.accepted.1440x900.png`));

  t.step('a transfer to a group by mouse: the session leaves the screen, a toast names Support');
  await ws.click('action.transfer');
  await ws.click('transfer.to_group');
  await transferTo('transfer.group', 'transfer.group.support');
  await toast('Transferred to Support · #1 Carla Customer');
  await ws.until('Carla no longer open', (s) => s.current === null && s.chats.find((c) => c.id === carla)?.state === 'queued');
  await ws.screenshot(t.artifact(`${testName}.transferred.1440x900.png`));

  t.step('Alt+A accepts the oldest waiting session; Alt+T then transfers it to Zed by keyboard and mouse');
  const dario = await customer('Dario Buyer', 'My order is late');
  await ws.until('Dario waiting', (s) => s.chats.find((c) => c.id === dario));
  await ws.press('Alt+A');  // the oldest waiting the agent may accept: Carla, in Support now
  await ws.until('Carla accepted and open', (s) => s.current === carla && s.tab === 'mine' &&
    s.chats.find((c) => c.id === carla)?.assignee === 'ana');
  await ws.press('Alt+T');
  await ws.click('transfer.to_agent');  // the popup keeps the last choice: a group
  await transferTo('transfer.agent', 'transfer.agent.zed');
  await toast('Transferred to Zed Quinn · #1 Carla Customer');
  await ws.until('Carla with Zed and off the screen', (s) => s.current === null &&
    s.chats.find((c) => c.id === carla)?.assignee === 'zed');

  t.step('the command palette: Ctrl+K opens it, typing filters, a click on the entry runs it (Accept Dario)');
  await palette('accept');
  await ws.until('one entry left', (s) => s.widgets['palette.entry.0'] && !s.widgets['palette.entry.1']);
  await ws.screenshot(t.artifact(`${testName}.palette.1440x900.png`));
  await ws.quickClick('palette.entry.0');
  await ws.until('Dario accepted, open in My sessions', (s) => !s.palette && s.current === dario && s.tab === 'mine' &&
    s.chats.find((c) => c.id === dario)?.assignee === 'ana');
  await waitFor('the composer focused', async () => (await active()) === 'composer-input', { timeoutMs: 5000, show: active });

  t.step('shortcuts from the composer: Alt+P pauses and resumes, Alt+Down/Up step through My sessions');
  const erin = await customer('Erin Early', 'Hi!');
  await ws.until('Erin waiting', (s) => s.chats.find((c) => c.id === erin));
  await ws.focus('composer.input');
  await ws.press('Alt+P');
  await toast('Paused #2 Dario Buyer');
  await ws.until('Dario paused', (s) => s.chats.find((c) => c.id === dario)?.state === 'paused');
  await ws.press('Alt+P');
  await ws.until('Dario open again', (s) => s.chats.find((c) => c.id === dario)?.state === 'open');
  await palette('erin');
  await ws.until('Accept Erin offered', (s) => s.widgets['palette.act.2']);
  await ws.press('Enter');
  await ws.until('Erin open in My sessions', (s) => s.current === erin && s.tab === 'mine' &&
    s.chats.find((c) => c.id === erin)?.assignee === 'ana');
  // My sessions holds Erin and Dario (latest activity first): one of Alt+Down / Alt+Up leaves Erin.
  await ws.press('Alt+ArrowDown');
  await sleep(800);
  const stayed = (await ws.snapshot()).current === erin;
  if (stayed) await ws.press('Alt+ArrowUp');
  await ws.until('Dario open', (s) => s.current === dario);
  await ws.press(stayed ? 'Alt+ArrowDown' : 'Alt+ArrowUp');
  await ws.until('back to Erin', (s) => s.current === erin);

  t.step('the shortcut help: Ctrl+/ opens it, Escape closes it');
  await ws.press('Control+/');
  await ws.until('the help shown', (s) => s.help && s.widgets['shortcuts.close']);
  await ws.screenshot(t.artifact(`${testName}.help.1440x900.png`));
  await ws.press('Escape');
  await ws.until('the help closed', (s) => !s.help && !s.widgets['shortcuts.close']);

  t.step('Ctrl+K finds another customer while a session is open; a click on it opens it');
  await palette('dario');
  await ws.until('Dario\'s session listed first', (s) => s.widgets[`palette.session.${dario}`] && !s.widgets['palette.entry.1']);
  await ws.quickClick(`palette.session.${dario}`);
  await ws.until('Dario open', (s) => s.current === dario && !s.palette);

  t.step('the search scope: all sessions while one is open, or this session; Escape clears it');
  await ws.click(`tab.mine`);
  await ws.click(`chat.${erin}`);
  await ws.press('Alt+S');
  await ws.until('the search field active', (s) => s.search.active);
  await waitFor('the search field focused', async () => (await active()) === 'text-input', { timeoutMs: 5000, show: active });
  await ws.page.keyboard.type('Dario', { delay: 20 });
  await ws.until('Dario found among all sessions', (s) => s.search.scope === 'all' && s.widgets[`search.result.${dario}`]);
  await ws.click('search.scope.session');
  await ws.until('this session\'s scope: nothing found', (s) => s.search.scope === 'session' && !s.widgets[`search.result.${dario}`]);
  await ws.screenshot(t.artifact(`${testName}.search.1440x900.png`));
  await ws.press('Escape');
  await ws.until('the search cleared and its results gone', (s) => s.search.query === '' && !s.widgets['search.results']);
  await waitFor('the reply focused again', async () => (await active()) === 'composer-input', { timeoutMs: 5000, show: active });

  t.step('Close is held with Undo: Undo brings the session back; a second close is sent when the window ends');
  await ws.click('action.close');
  await ws.until('Erin off the screen, an Undo toast', (s) => s.current === null && s.toasts.find((x) => x.undo));
  await ws.quickClick('toast.undo');
  await ws.until('Erin back', (s) => s.current === erin && !s.toasts.find((x) => x.undo));
  await sleep(7000);
  if ((await ws.snapshot()).chats.find((c) => c.id === erin)?.state !== 'open') throw new Error('an undone close was sent');
  await ws.focus('composer.input');
  await ws.press('Alt+C');
  await ws.until('the Undo toast', (s) => s.toasts.find((x) => x.undo && x.text === 'Closed #3 Erin Early'));
  await ws.until('Erin closed once the window ended', (s) => s.chats.find((c) => c.id === erin)?.state === 'closed', 12000);

  t.step('1024×768: toasts, the palette and the help fit');
  await ws.page.setViewportSize({ width: 1024, height: 768 });
  await ws.click(`chat.${dario}`);
  await ws.press('Alt+P');
  await toast('Paused #2 Dario Buyer');
  await ws.screenshot(t.artifact(`${testName}.toast.1024x768.png`));
  await palette('re');
  await ws.until('the palette\'s entries', (s) => s.palette && s.widgets['palette.entry.0']);
  const fits = (r, s) => r && r[0] >= 0 && r[1] >= 0 && r[0] + r[2] <= s.display.css_width + 0.5 && r[1] + r[3] <= s.display.css_height + 0.5;
  const small = await ws.snapshot();
  for (const name of ['palette.input', 'palette.entry.0', 'toast.0'])
    if (!fits(small.widgets[name], small)) throw new Error(`${name} does not fit 1024×768: ${JSON.stringify(small.widgets[name])}`);
  await ws.screenshot(t.artifact(`${testName}.palette.1024x768.png`));
  await ws.press('Escape');
  // Slow frames take keys a frame at a time: the palette must be gone before the next shortcut.
  await ws.until('the palette closed', (s) => !s.palette);
  await ws.press('Control+Slash');  // the reply has the keyboard back: "?" would be typed there
  await ws.until('the help shown', (s) => s.help && s.widgets['shortcuts.close']);
  const help = await ws.snapshot();
  if (!fits(help.widgets['shortcuts.close'], help)) throw new Error('the help does not fit 1024×768');
  await ws.screenshot(t.artifact(`${testName}.help.1024x768.png`));
  await ws.press('Escape');
});
