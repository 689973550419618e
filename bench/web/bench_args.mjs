// Command-line options of the web benchmarks: `--name value` pairs over defaults that name the
// built site (build/wasm/web_client/site) and Debian's Chromium.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function parseArgs(argv, defaults) {
  const args = { site: path.join(repo, 'build/wasm/web_client/site'), chromium: '/usr/bin/chromium', ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  return args;
}
