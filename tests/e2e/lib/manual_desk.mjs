// A real parley-server on a manual clock for a browser test: started with the test's site, signed in as
// admin, stopped at cleanup, its log kept as an artifact on failure. Its day starts at 08:00 UTC today.
import fs from 'node:fs';

import { Http } from './http.mjs';
import { startParleyServer } from './parley_server.mjs';

// { server, anonymous, admin, tick(ms), now(), command(body) }: `tick` moves the desk's clock forward,
// `now` is where it stands (ms since the epoch), `command` posts a desk command as admin, expecting 200.
export async function startManualDesk(t, name, adminPassword) {
  t.step('starting parley-server on a manual clock');
  const server = await startParleyServer({
    binary: t.args.server, site: t.args.site, env: { PARLEY_ADMIN_PASSWORD: adminPassword, PARLEY_CLOCK: 'manual' },
  });
  t.onCleanup(() => server.stop());
  t.onFailure(() => fs.writeFileSync(t.artifact(`${name}.server.log`), server.log()));
  const anonymous = new Http(server.url);
  const { token } = await anonymous.expect(200, 'POST', '/api/v1/auth/login', { login: 'admin', password: adminPassword });
  const admin = new Http(server.url, token);
  let clock = Date.parse(`${new Date().toISOString().slice(0, 10)}T08:00:00Z`);
  const tick = async (ms) => {
    clock += ms;
    await admin.expect(200, 'POST', '/api/v1/clock', { now: new Date(clock).toISOString() });
  };
  await tick(0);
  const command = (body) => admin.expect(200, 'POST', '/api/v1/commands', body);
  return { server, anonymous, admin, tick, now: () => clock, command };
}
