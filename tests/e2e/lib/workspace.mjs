// Headless Chromium (SwiftShader WebGL) on the workspace page, used as a person would: clicks at the
// centres of the widgets window.parley.snapshot() names, and the keyboard; the app is never called.
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { sleep, waitFor } from './wait.mjs';

function loadPlaywright() {
  const require = createRequire(import.meta.url);
  try {
    return require('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed in tests/e2e/node_modules: run scripts/setup.sh');
  }
}

const chromiumFlags = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--window-size=1280,800',
];

export class Workspace {
  // The browser and an empty page; load() then opens the workspace in it.
  // Options: viewport {width, height}, deviceScaleFactor, initScript (runs in the page before its own
  // scripts), permissions (granted to the page, e.g. clipboard access).
  static async launch({ chromium, viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, initScript = null,
                        permissions = [] }) {
    const browser = await loadPlaywright().chromium.launch({
      executablePath: chromium, headless: true, args: chromiumFlags, timeout: 30000,
    });
    const ws = new Workspace(browser);
    try {
      const context = await browser.newContext({ viewport, deviceScaleFactor });
      if (permissions.length) await context.grantPermissions(permissions);
      if (initScript) await context.addInitScript(initScript);
      ws.page = await context.newPage();
    } catch (error) {
      await ws.close();
      throw error;
    }
    const log = (line) => ws.console.push(line);
    ws.page.setDefaultTimeout(15000);
    ws.page.on('console', (m) => log(`[${m.type()}] ${m.text()}`));
    ws.page.on('pageerror', (e) => log(`[pageerror] ${e.message}`));
    ws.page.on('requestfailed', (r) => log(`[requestfailed] ${r.url()} ${r.failure()?.errorText ?? ''}`));
    ws.page.on('response', (r) => { if (r.status() >= 400) log(`[http ${r.status()}] ${r.url()}`); });
    return ws;
  }

  // Launches a browser for test `t`, closed at cleanup, its console and a screenshot kept as `name`
  // artifacts on failure, and loads `url` up to the login screen.
  static async open(t, name, url, launchOptions = {}) {
    const ws = await Workspace.launch({ chromium: t.args.chromium, ...launchOptions });
    t.onCleanup(() => ws.close());
    t.onFailure(async () => {
      ws.saveConsole(t.artifact(`${name}.console.log`));
      await ws.screenshot(t.artifact(`${name}.failure.png`));
    });
    await ws.load(url);
    await ws.until('the login screen', (s) => s.screen === 'login');
    return ws;
  }

  // From the login screen: signs in with the login form.
  async signIn({ login, password }) {
    await this.typeInto('login.user', login);
    await this.typeInto('login.password', password);
    await this.click('login.submit');
  }

  // From the login screen: enters the offline demo and closes its first-run hint.
  async enterDemo() {
    await this.click('login.demo');
    await this.until('the demo workspace', (s) => s.mode === 'demo' && s.screen === 'workspace' && s.stats);
    await this.click('demo.hint.close');
    await this.until('the hint gone', (s) => !s.widgets['demo.hint']);
  }

  async load(url) {
    await this.page.goto(url, { waitUntil: 'load' });
    await waitFor('window.parley.ready', () => this.page.evaluate(() => window.parley?.ready === true), {
      timeoutMs: 30000, show: () => this.page.evaluate(() => document.getElementById('status')?.textContent),
    });
  }

  constructor(browser) {
    this.browser = browser;
    this.page = null;
    this.console = [];
  }

  async close() {
    try { await this.browser.close(); } catch { /* already gone */ }
  }

  snapshot() { return this.page.evaluate(() => window.parley.snapshot()); }

  // Waits until `test(snapshot)` is truthy; returns that value.
  until(what, test, timeoutMs = 15000) {
    return waitFor(what, async () => {
      const snap = await this.snapshot();
      return snap ? test(snap) : null;
    }, { timeoutMs, show: () => this.snapshot().then(describe) });
  }

  // The widget's rectangle [x, y, w, h] once it is drawn, read when the page has settled (no frame
  // left to draw, layout still: tables fit their columns a frame late); as drawn if it never does.
  async widget(name, timeoutMs = 15000) {
    const settled = await this.until(`widget ${name} settled`, (s) => s.display?.settled && s.widgets?.[name], 2000)
      .catch(() => null);
    return settled ?? this.until(`widget ${name} on screen`, (s) => s.widgets?.[name], timeoutMs);
  }

  // A person's click: move onto the widget, press, release (a frame or two apart).
  async click(name, { at = 0.5 } = {}) {
    const [x, y, w, h] = await this.widget(name);
    const mouse = this.page.mouse;
    await mouse.move(x + w * at, y + h / 2, { steps: 4 });
    await sleep(60);
    await mouse.down();
    await sleep(60);
    await mouse.up();
    await sleep(60);
  }

  // A quick click, as page.mouse.click makes it: move, press and release with no pause, so all three
  // reach the page between two frames (as from a fast hand on a slow machine).
  async quickClick(name) {
    const [x, y, w, h] = await this.widget(name);
    await this.page.mouse.click(x + w / 2, y + h / 2);
  }

  // Clicks a text field and types into it once a text input of the page has the keyboard focus: the
  // canvas's hidden one, or the composer's own text area laid over the canvas.
  async typeInto(name, text, { delay = 10 } = {}) {
    await this.focus(name);
    await this.page.keyboard.type(text, { delay });
  }

  async focus(name) {
    await this.click(name);
    await waitFor(`keyboard focus in ${name}`, () => this.page.evaluate(
      () => ['text-input', 'composer-input'].includes(document.activeElement?.id)), { timeoutMs: 5000 });
  }

  press(key) { return this.page.keyboard.press(key); }

  // What the page has committed to its durable storage (IndexedDB "parley", store "kv"), read the way
  // a browser's storage inspector would: {key: value}.
  stored() {
    return this.page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('parley', 1);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const out = {};
        const cursor = open.result.transaction('kv').objectStore('kv').openCursor();
        cursor.onerror = () => reject(cursor.error);
        cursor.onsuccess = () => {
          const at = cursor.result;
          if (!at) { open.result.close(); resolve(out); return; }
          out[at.key] = at.value;
          at.continue();
        };
      };
    }));
  }

  screenshot(file) { return this.page?.screenshot({ path: file }); }

  saveConsole(file) { fs.writeFileSync(file, this.console.join('\n') + '\n'); }
}

// The snapshot without its long widget map, for failure messages.
export function describe(snap) {
  if (!snap) return snap;
  const { widgets, ...rest } = snap;
  return { ...rest, widgets: Object.keys(widgets ?? {}) };
}
