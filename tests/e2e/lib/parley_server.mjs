// Starts the real parley-server on a free loopback port with a fresh database in a temp folder,
// waits until /readyz answers, and stops it (SIGTERM, then SIGKILL) when asked.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { sleep, waitFor } from './wait.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function ready(url) {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

// Returns {url, log(), stop()}; `env` is added to the child's environment.
export async function startParleyServer({ binary, site, env = {} }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-'));
  let output = '';
  for (let attempt = 1; ; ++attempt) {
    const port = await freePort();
    const child = spawn(binary, ['--listen', `127.0.0.1:${port}`, '--db', path.join(dir, 'parley.db'), '--web', site], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let exited = null;
    child.on('exit', (code, signal) => { exited = signal ?? code; });
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
      if (exited === null) {
        child.kill('SIGTERM');
        for (let i = 0; i < 50 && exited === null; ++i) await sleep(100);
        if (exited === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    };
    try {
      await waitFor('parley-server to answer /readyz', async () => exited !== null || (await ready(url)),
                    { timeoutMs: 15000, intervalMs: 100, show: () => output.slice(-800) });
    } catch (error) {
      await stop();
      throw error;
    }
    if (exited === null) return { url, log: () => output, stop };
    // It exited: most likely the port was taken between the probe and its bind. Try another.
    if (attempt >= 3) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`parley-server exited (${exited}) at start:\n${output.slice(-1500)}`);
    }
  }
}
