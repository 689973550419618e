// Runs the offline demo at 60× in headless Chromium for a while (an hour by default) and samples,
// once a minute, what it holds: wasm heap, JS heap, the demo's saved state, sessions,
// and frames drawn per second. Prints a table and a JSON line.
//
// Usage: node bench/web/demo_hour.mjs [--site DIR] [--minutes 60] [--chromium /usr/bin/chromium]
import fs from 'node:fs';
import path from 'node:path';

import { parseArgs, repo } from './bench_args.mjs';
import { serveStatic } from '../../tests/e2e/lib/static_server.mjs';
import { Workspace } from '../../tests/e2e/lib/workspace.mjs';

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const mib = (bytes) => (bytes == null ? '–' : (bytes / 1048576).toFixed(1));

async function sample(ws, started) {
  const snap = await ws.snapshot();
  const stored = Object.entries(await ws.stored()).reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  const page = await ws.page.evaluate(() => {
    const frames = window.parley.frameTimes(true);
    return { wasm: frames.heap_bytes, drawn: frames.drawn,
             js: performance.memory ? performance.memory.usedJSHeapSize : null };
  });
  return { minute: Math.round((Date.now() - started) / 60000), desk_time: snap.now, sessions: snap.chats.length,
           open: snap.chats.filter((c) => c.state !== 'closed').length, wasm_heap: page.wasm, js_heap: page.js,
           stored_chars: stored, drawn: page.drawn, link: snap.link, speed: snap.speed };
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { minutes: '60' });
  if (!fs.existsSync(path.join(args.site, 'parley-web.wasm'))) throw new Error(`no built site in ${args.site}`);
  const minutes = Number(args.minutes);
  const site = await serveStatic(args.site, { gzip: true });
  const ws = await Workspace.launch({ chromium: args.chromium });
  const samples = [];
  try {
    await ws.load(`${site.url}/`);
    await ws.until('the login screen', (s) => s.screen === 'login');
    await ws.click('login.demo');
    await ws.until('the demo workspace', (s) => s.mode === 'demo' && s.screen === 'workspace');
    await ws.click('status.online');
    await ws.click('demo.speed', { at: 0.995 });
    await ws.until('the demo clock at 60×', (s) => s.speed === 60);
    const started = Date.now();
    await ws.page.evaluate(() => window.parley.frameTimes(true));
    samples.push(await sample(ws, started));
    let last = Date.now();
    for (let m = 1; m <= minutes; ++m) {
      await sleep(started + m * 60000 - Date.now());
      const s = await sample(ws, started);
      s.fps = +(s.drawn / ((Date.now() - last) / 1000)).toFixed(1);
      last = Date.now();
      samples.push(s);
      console.log(`minute ${s.minute}: desk ${s.desk_time}, ${s.sessions} sessions (${s.open} not closed), ` +
                  `wasm ${mib(s.wasm_heap)} MiB, js ${mib(s.js_heap)} MiB, stored ${(s.stored_chars / 1e6).toFixed(2)} M characters, ` +
                  `${s.fps} frames/s`);
    }
    fs.mkdirSync(path.join(repo, 'build'), { recursive: true });
    await ws.screenshot(path.join(repo, 'build/demo_hour.png'));
  } finally {
    const noted = ws.console.filter((line) => !line.startsWith('[log]'));
    if (noted.length) console.log(`page console (${noted.length} lines, the last 20):\n  ` + noted.slice(-20).join('\n  '));
    await ws.close();
    await site.close();
  }
  console.log('| minute | desk clock | sessions | not closed | wasm heap MiB | JS heap MiB | stored M characters | frames/s |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const s of samples.filter((s, i) => i % 10 === 0 || i === samples.length - 1))
    console.log(`| ${s.minute} | ${s.desk_time} | ${s.sessions} | ${s.open} | ${mib(s.wasm_heap)} | ${mib(s.js_heap)} | ` +
                `${(s.stored_chars / 1e6).toFixed(2)} | ${s.fps ?? '–'} |`);
  console.log(JSON.stringify({ site: args.site, minutes, samples }));
}

await main();
