// One browser test run: arguments, step log, an overall deadline, artifacts, and cleanup on every
// exit path (pass, failure, deadline, signal), so no server or browser outlives the test.
import fs from 'node:fs';
import path from 'node:path';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  return args;
}

// Every named argument is given and names an existing file or folder (artifacts: created).
function checkArgs(args, names) {
  for (const name of names) {
    if (!args[name]) throw new Error(`missing --${name}`);
    if (name !== 'artifacts' && !fs.existsSync(args[name]))
      throw new Error(`--${name} ${args[name]} does not exist (build the project first, and run scripts/setup.sh)`);
  }
}

// Removes what an earlier run of this test left, so the folder shows this run only.
function clearArtifacts(dir, name) {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(dir))
    if (file.startsWith(`${name}.`)) fs.rmSync(path.join(dir, file), { force: true });
}

// Runs `body(t)` where t = {args, step, artifact, onCleanup, onFailure}. Exits the process.
export async function runTest(name, { deadlineMs, required }, body) {
  const started = Date.now();
  const cleanups = [];
  const failureHooks = [];
  let finished = false;
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  const t = {
    args: {},
    step: (text) => console.log(`[${seconds()}s] ${text}`),
    artifact: (file) => path.join(t.args.artifacts, file),
    onCleanup: (fn) => cleanups.push(fn),
    onFailure: (fn) => failureHooks.push(fn),
  };

  const finish = async (error) => {
    if (finished) return;
    finished = true;
    if (error) {
      console.error(`FAIL ${name} after ${seconds()}s: ${error.message}`);
      if (error.detail) console.error(error.detail);
      for (const hook of failureHooks) {
        try { await hook(); } catch (e) { console.error(`  (while saving artifacts: ${e.message})`); }
      }
    }
    for (const fn of cleanups.reverse()) {
      try { await fn(); } catch (e) { console.error(`  (cleanup: ${e.message})`); }
    }
    if (!error) console.log(`PASS ${name} in ${seconds()}s`);
    process.exit(error ? 1 : 0);
  };

  const deadline = setTimeout(() => finish(new Error(`did not finish within ${deadlineMs / 1000}s`)), deadlineMs);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(signal, () => finish(new Error(`stopped by ${signal}`)));
  process.on('unhandledRejection', (e) => finish(e instanceof Error ? e : new Error(String(e))));

  try {
    t.args = parseArgs(process.argv.slice(2));
    checkArgs(t.args, required);
    clearArtifacts(t.args.artifacts, name);
    await body(t);
    clearTimeout(deadline);
    await finish(null);
  } catch (error) {
    clearTimeout(deadline);
    await finish(error instanceof Error ? error : new Error(String(error)));
  }
}
