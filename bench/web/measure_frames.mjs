// Measures the web workspace in headless Chromium (SwiftShader WebGL): CPU time per drawn frame
// (window.parley.frameTimes()) on the big demo desk (?demo=big: 100 000 sessions in the lists and a
// 10 000-message session open) while the session list scrolls, idle frames per second, time from
// navigation to the first frame, transferred sizes and memory. Prints a report and a JSON line.
//
// Usage: node bench/web/measure_frames.mjs [--site DIR] [--seconds 10] [--chromium /usr/bin/chromium]
//   --site: the built site folder (default: build/wasm/web_client/site)
// playwright-core is looked up in PLAYWRIGHT_CORE, NODE_PATH, tests/e2e/node_modules and /tmp/pw.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

import { parseArgs, repo } from './bench_args.mjs';
import { startParleyServer } from '../../tests/e2e/lib/parley_server.mjs';
import { serveStatic } from '../../tests/e2e/lib/static_server.mjs';

function loadPlaywright() {
  const places = [process.env.PLAYWRIGHT_CORE, ...(process.env.NODE_PATH ?? '').split(path.delimiter),
                  path.join(repo, 'tests/e2e/node_modules'), '/tmp/pw/node_modules'].filter(Boolean);
  for (const place of places) {
    try {
      return createRequire(path.join(place, 'noop.js'))('playwright-core');
    } catch { /* next */ }
  }
  throw new Error(`playwright-core not found in ${places.join(', ')} (npm install playwright-core)`);
}

const chromiumFlags = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
                       '--disable-component-update', '--disable-sync', '--use-angle=swiftshader',
                       '--enable-unsafe-swiftshader', '--enable-precise-memory-info', '--window-size=1280,800'];

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))];
}

// Frames are [start_ms, wall_ms, app_ms] (performance.now() around the frame function; app_ms leaves
// out handing the draw lists to WebGL). `thread` holds the same frames' main-thread CPU time from
// Chrome's trace, which excludes the time the thread waited for a CPU on a busy machine.
function summarize(stats, seconds, thread = []) {
  const wall = stats.frames.map(([, ms]) => ms).sort((a, b) => a - b);
  const app = stats.frames.map(([, , ms]) => ms).sort((a, b) => a - b);
  const cpu = [...thread].sort((a, b) => a - b);
  return { frames: wall.length, fps: +(stats.drawn / seconds).toFixed(1), p50_ms: percentile(wall, 50),
           p95_ms: percentile(wall, 95), p99_ms: percentile(wall, 99), max_ms: wall[wall.length - 1] ?? NaN,
           mean_ms: wall.reduce((a, b) => a + b, 0) / Math.max(1, wall.length),
           app_p50_ms: percentile(app, 50), app_p95_ms: percentile(app, 95),
           thread_frames: cpu.length, thread_p50_ms: percentile(cpu, 50), thread_p95_ms: percentile(cpu, 95) };
}

// Runs `body` under a Chrome trace; returns the main-thread CPU time (ms) of the animation-frame
// callbacks that drew, matched to `frameTimes` starts through a performance mark.
async function traced(browser, page, body) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
  const mark = await page.evaluate(() => performance.mark('parley-sync').startTime);
  const stats = await body();
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const sync = events.find((e) => e.name === 'parley-sync');
  const frames = events.filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X' && e.tdur !== undefined);
  const cpu = [];
  if (sync) {
    const offset = sync.ts / 1000 - mark;  // trace clock − performance.now(), ms
    for (const [start] of stats.frames) {
      const at = start + offset;
      const frame = frames.find((e) => e.ts / 1000 <= at && at <= (e.ts + e.dur) / 1000);
      if (frame) cpu.push(frame.tdur / 1000);
    }
  }
  return { stats, cpu };
}

async function waitFor(page, test, what, ms = 120000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await page.evaluate(test)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const center = (r) => ({ x: r[0] + r[2] / 2, y: r[1] + r[3] / 2 });

// Opens the page and waits for its first frame; `loaded` is when each file had arrived (ms after
// navigation), so first_frame_ms − the latest of them is compiling, starting and (big desk) seeding.
async function openPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(url);
  const first = await firstFrame(page);
  return { context, page, wall_to_first_frame_ms: Date.now() - started, ...first };
}

// Waits for the page's first frame: when it ended (ms after navigation), when each file had arrived
// and what each cost on the wire (transfer: headers and body; a revalidated file is headers only).
async function firstFrame(page) {
  await waitFor(page, () => window.parley && window.parley.ready && window.parley.frameTimes().drawn > 0,
                'first frame');
  return page.evaluate(() => {
    const files = performance.getEntriesByType('resource').filter((e) => /parley-web\.(js|wasm|data)$/.test(e.name));
    return { first_frame_ms: Math.round(window.parley.frameTimes(false).first_frame_ms),
             loaded: Object.fromEntries(files.map((e) => [e.name.split('/').pop(), Math.round(e.responseEnd)])),
             transferred: files.map((e) => ({ name: e.name.split('/').pop(), transfer: e.transferSize,
                                              encoded: e.encodedBodySize, decoded: e.decodedBodySize })) };
  });
}

// The site over loopback: from parley-server (--server BIN) as in production, or else from a static
// server of the bench's own with gzip and no caching.
async function serveSite(args) {
  if (!args.server) return serveStatic(args.site, { gzip: true });
  const password = `bench-${process.pid}-${Date.now()}`;
  const server = await startParleyServer({ binary: args.server, site: args.site,
                                           env: { PARLEY_ADMIN_PASSWORD: password } });
  return { url: server.url, close: () => server.stop() };
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { seconds: '10' });
  const seconds = Number(args.seconds);
  if (!fs.existsSync(path.join(args.site, 'parley-web.wasm'))) throw new Error(`no built site in ${args.site}`);
  const { chromium } = loadPlaywright();
  const site = await serveSite(args);
  const browser = await chromium.launch({ executablePath: args.chromium, headless: true, args: chromiumFlags });
  const result = { site: path.relative(repo, path.resolve(args.site)), served_by: args.server ? 'parley-server' : 'bench',
                   seconds };
  try {
    // Sizes: what the files weigh, and what the page transferred (gzip).
    result.files = {};
    for (const name of ['parley-web.js', 'parley-web.wasm', 'parley-web.data', 'index.html']) {
      const bytes = fs.readFileSync(path.join(args.site, name));
      result.files[name] = { bytes: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
    }

    // 1. The login screen: first frame in a fresh context, five times (the first also starts the
    // browser's GPU process), then after a reload in the same context (the HTTP cache may answer);
    // idle frames per second.
    {
      result.login = { first_frame_ms: [], wall_to_first_frame_ms: [] };
      for (let run = 0; run < 5; ++run) {
        const opened = await openPage(browser, `${site.url}/`);
        result.login.first_frame_ms.push(opened.first_frame_ms);
        result.login.wall_to_first_frame_ms.push(opened.wall_to_first_frame_ms);
        if (run < 4) {
          await opened.context.close();
          continue;
        }
        const { context, page } = opened;
        result.login.loaded = opened.loaded;
        result.transferred = opened.transferred;
        await page.reload();
        const reloaded = await firstFrame(page);
        result.login.reload = reloaded;
        await sleep(1000);
        await page.evaluate(() => window.parley.frameTimes(true));
        await sleep(5000);
        result.login.idle = summarize(await page.evaluate(() => window.parley.frameTimes(true)), 5);
        await context.close();
      }
    }

    // 2. The big demo desk.
    const big = await openPage(browser, `${site.url}/?demo=big`);
    const { context, page, wall_to_first_frame_ms, loaded } = big;
    result.big = { first_frame_ms: big.first_frame_ms, wall_to_first_frame_ms, loaded };
    let snap = await page.evaluate(() => window.parley.snapshot());
    result.big.sessions = snap.chats.length;
    if (!snap.widgets['chat.long']) throw new Error('the long session is not in My sessions');
    await page.mouse.click(center(snap.widgets['chat.long']).x, center(snap.widgets['chat.long']).y);
    await sleep(500);
    await page.mouse.click(center(snap.widgets['tab.queue']).x, center(snap.widgets['tab.queue']).y);
    await sleep(1000);
    snap = await page.evaluate(() => window.parley.snapshot());
    if (snap.current !== 'long') throw new Error(`the long session did not open (current: ${snap.current})`);
    const tab = snap.widgets['tab.queue'];
    const list = { x: tab[0] + 60, y: tab[1] + 260 };
    const timeline = snap.widgets['composer.input'];
    result.big.widgets_recorded = Object.keys(snap.widgets).length;

    // Idle with the big desk open: the demo clock redraws on its own.
    await page.evaluate(() => window.parley.frameTimes(true));
    await sleep(5000);
    result.big.idle = summarize(await page.evaluate(() => window.parley.frameTimes(true)), 5);

    // The session list scrolls (wheel every 16 ms, direction turning every 2 s) for `seconds`.
    await page.mouse.move(list.x, list.y);
    await page.evaluate(() => window.parley.frameTimes(true));
    const started = Date.now();
    const scrolled = await traced(browser, page, async () => {
      while (Date.now() - started < seconds * 1000) {
        const down = Math.floor((Date.now() - started) / 2000) % 2 === 0;
        await page.mouse.wheel(0, down ? 240 : -120);
        await sleep(16);
      }
      return page.evaluate(() => window.parley.frameTimes(true));
    });
    result.big.list_scrolling = summarize(scrolled.stats, (Date.now() - started) / 1000, scrolled.cpu);

    // The long timeline scrolls.
    if (timeline) {
      await page.mouse.move(timeline[0] + 80, timeline[1] - 200);
      const began = Date.now();
      while (Date.now() - began < seconds * 500) {
        await page.mouse.wheel(0, -200);
        await sleep(16);
      }
      result.big.timeline_scrolling =
        summarize(await page.evaluate(() => window.parley.frameTimes(true)), (Date.now() - began) / 1000);
    }

    const memory = await page.evaluate(() => ({
      used: performance.memory ? performance.memory.usedJSHeapSize : null,
      total: performance.memory ? performance.memory.totalJSHeapSize : null,
      wasm: window.parley.frameTimes(false).heap_bytes }));
    result.memory = { js_heap_used_bytes: memory.used, js_heap_total_bytes: memory.total,
                      wasm_heap_bytes: memory.wasm };
    await context.close();
  } finally {
    await browser.close();
    await site.close();
  }
  report(result);
}

function report(r) {
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(2) : '–');
  const kb = (v) => `${(v / 1024).toFixed(0)} KiB`;
  const mb = (v) => (v == null ? '–' : `${(v / 1048576).toFixed(1)} MiB`);
  const row = (name, s) => console.log(`| ${name} | ${s.frames} | ${s.fps} | ${ms(s.p50_ms)} | ${ms(s.p95_ms)} | ` +
                                      `${ms(s.p99_ms)} | ${ms(s.max_ms)} | ${ms(s.app_p50_ms)} | ` +
                                      `${ms(s.app_p95_ms)} |`);
  console.log(`site: ${r.site}; big desk: ${r.big.sessions} sessions`);
  console.log('wall time of the frame function (performance.now), its app part, and (list scrolling) the');
  console.log('main thread\'s CPU time for the same frames from Chrome\'s trace:');
  console.log('| phase | frames | drawn/s | p50 ms | p95 ms | p99 ms | max ms | app p50 | app p95 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  row('login screen, idle', r.login.idle);
  row('big desk, idle (demo clock running)', r.big.idle);
  row(`big desk, session list scrolling, long timeline open`, r.big.list_scrolling);
  if (r.big.timeline_scrolling) row('big desk, long timeline scrolling', r.big.timeline_scrolling);
  const t = r.big.list_scrolling;
  console.log(`list scrolling, main-thread CPU per drawn frame (${t.thread_frames} frames matched): ` +
              `p50 ${ms(t.thread_p50_ms)} ms, p95 ${ms(t.thread_p95_ms)} ms`);
  console.log(`site served by ${r.served_by}`);
  console.log(`first frame after navigation: login ${r.login.first_frame_ms.join(', ')} ms (fresh contexts; ` +
              `the first starts the GPU process), after a reload ${r.login.reload.first_frame_ms} ms; ` +
              `big desk ${r.big.first_frame_ms} ms`);
  for (const [name, at] of [['login', r.login.loaded], ['big desk', r.big.loaded]])
    console.log(`  ${name}: files arrived at ` + Object.entries(at).map(([f, ms]) => `${f} ${ms} ms`).join(', '));
  for (const [name, f] of Object.entries(r.files)) console.log(`${name}: ${kb(f.bytes)}, gzip ${kb(f.gzip)}`);
  for (const t of r.transferred) console.log(`transferred ${t.name}: ${kb(t.transfer)} (body ${kb(t.decoded)})`);
  for (const t of r.login.reload.transferred) console.log(`after a reload, transferred ${t.name}: ${t.transfer} bytes`);
  console.log(`memory after the run: JS heap used ${mb(r.memory.js_heap_used_bytes)}, ` +
              `wasm heap ${mb(r.memory.wasm_heap_bytes)}`);
  console.log(JSON.stringify(r));
}

main().catch((error) => {
  console.error(`measure_frames: ${error.message}`);
  process.exit(1);
});
