// web.e2e.demo: the offline demo from the static site alone (no server): sessions arrive on a
// fast demo clock, the agent answers one by typing and closes it, Closed goes up by one, and after
// a reload the demo goes on from its saved state.
import { runTest } from './lib/harness.mjs';
import { serveStatic } from './lib/static_server.mjs';
import { waitFor } from './lib/wait.mjs';
import { Workspace } from './lib/workspace.mjs';

const reply = 'Thanks for writing in, this is sorted now.';

await runTest('web.e2e.demo', { deadlineMs: 140000, required: ['site', 'chromium', 'artifacts'] }, async (t) => {
  t.step('serving the built site as static files');
  const site = await serveStatic(t.args.site);
  t.onCleanup(() => site.close());

  t.step('browser: open the workspace');
  const ws = await Workspace.launch({ chromium: t.args.chromium });
  t.onCleanup(() => ws.close());
  t.onFailure(async () => {
    ws.saveConsole(t.artifact('web.e2e.demo.console.log'));
    await ws.screenshot(t.artifact('web.e2e.demo.png'));
  });
  await ws.load(`${site.url}/`);

  t.step('start the offline demo');
  await ws.until('the login screen', (s) => s.screen === 'login');
  await ws.click('login.demo');
  const start = await ws.until('the demo workspace', (s) => s.mode === 'demo' && s.screen === 'workspace' && s.stats && s);
  const me = start.agent;

  t.step('the first-run hint explains the demo; read, it stays away');
  await ws.widget('demo.hint');
  await ws.screenshot(t.artifact('web.e2e.demo.hint.png'));
  await ws.click('demo.hint.close');
  await ws.until('the hint gone', (s) => !s.widgets['demo.hint']);
  await waitFor('the hint remembered as read', async () => (await ws.stored())['parley.demo.hint_read'] === '1',
                { timeoutMs: 5000 });

  t.step('alert settings: switching the sound off is kept in the page\'s storage');
  await ws.click('alerts.open');
  await ws.click('alerts.sound');
  const kept = await waitFor('the demo\'s alert settings stored', async () => {
    const text = (await ws.stored())['parley.demo.settings'];
    return text && JSON.parse(text);
  }, { timeoutMs: 5000 });
  if (kept.sound !== false || kept.notify !== true) throw new Error(`stored settings ${JSON.stringify(kept)}`);
  await ws.click('alerts.close');

  t.step(`raise the demo speed (from ${start.speed}×)`);
  await ws.click('demo.speed', { at: 0.98 });
  const fast = await ws.until('a faster demo clock', (s) => s.speed > start.speed && s);

  t.step(`wait at ${fast.speed}× for a session assigned to ${me}`);
  const assigned = (s) => s.chats.find((c) => c.assignee === me && c.state === 'open');
  const first = await ws.until(`an open session assigned to ${me}`, assigned, 60000);

  t.step('slow the clock to 1× so no timer takes the session away meanwhile');
  await ws.click('demo.speed', { at: 0.02 });
  await ws.until('the demo clock at 1×', (s) => s.speed === 1);
  const snap = await ws.snapshot();
  const chat = snap.chats.find((c) => c.id === first.id && c.assignee === me && c.state === 'open') ?? assigned(snap);
  if (!chat) throw new Error(`no open session assigned to ${me} any more`);
  const closedBefore = snap.stats.closed;
  const activeBefore = snap.stats.active;

  t.step(`open session ${chat.id} (#${chat.number}, ${chat.client})`);
  await ws.click('tab.mine');
  await ws.click(`chat.${chat.id}`);
  await ws.until(`session ${chat.id} shown`, (s) => s.current === chat.id);

  t.step('answer it by typing');
  await ws.typeInto('composer.input', reply);
  await ws.click('composer.send');
  await waitFor('the reply in the demo\'s saved log', async () => Object.entries(await ws.stored())
    .some(([key, value]) => key.startsWith('parley.demo.log.') && value.includes(JSON.stringify(reply))),
  { timeoutMs: 10000 });

  t.step('close it');
  await ws.click('action.close');
  const after = await ws.until(`session ${chat.id} closed`,
                               (s) => s.chats.find((c) => c.id === chat.id && c.state === 'closed') && s);
  if (after.stats.closed !== closedBefore + 1)
    throw new Error(`Closed went from ${closedBefore} to ${after.stats.closed}, expected ${closedBefore + 1}`);
  t.step(`Closed ${closedBefore} → ${after.stats.closed}, Active ${activeBefore} → ${after.stats.active}`);

  t.step('reload the page: the demo goes on where it was');
  await ws.page.reload();
  await ws.until('the demo workspace again', (s) => s.mode === 'demo' && s.screen === 'workspace');
  const reloaded = await ws.until(`session ${chat.id} still closed`,
                                  (s) => s.chats.find((c) => c.id === chat.id && c.state === 'closed') && s);
  if (reloaded.stats.closed < after.stats.closed)
    throw new Error(`after the reload Closed is ${reloaded.stats.closed}, was ${after.stats.closed}`);
  if (reloaded.widgets['demo.hint']) throw new Error('the first-run hint came back after a reload');

  t.step('at 60× the unanswered timer takes sessions away; the Missed counter opens them and says what took them');
  await ws.click('demo.speed', { at: 0.98 });
  await ws.until('a missed session', (s) => s.stats.missed > 0, 60000);
  await ws.click('demo.speed', { at: 0.02 });
  await ws.click('stat.missed');
  const listed = await ws.until('the Missed list open', (s) => {
    const rows = Object.keys(s.widgets).filter((w) => /^missed\.(?!first)/.test(w));
    return (s.widgets['missed.first'] || s.stats.missed === 0) && { rows: rows.length, missed: s.stats.missed };
  });
  if (listed.rows === 0 || listed.rows !== listed.missed) throw new Error(`Missed says ${listed.missed}, its list shows ${listed.rows}`);
  await ws.screenshot(t.artifact('web.e2e.demo.missed.png'));
  await ws.press('Escape');
  t.step(`Missed ${listed.missed}: ${listed.rows} sessions listed`);

  await ws.screenshot(t.artifact('web.e2e.demo.png'));
});
