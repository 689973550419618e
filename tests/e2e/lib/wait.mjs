// Polling with a bound: every wait in the tests names what it waits for and fails with the last
// value it saw, so a timeout says what the page or server showed instead.
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Calls `probe()` until it returns a truthy value (returned) or `timeoutMs` passes (throws).
export async function waitFor(what, probe, { timeoutMs = 15000, intervalMs = 100, show } = {}) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() >= until) {
      const error = new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
      const seen = show ? await show().catch((e) => `(could not be read: ${e.message})`) : undefined;
      if (seen !== undefined) error.detail = `  last seen: ${typeof seen === 'string' ? seen : JSON.stringify(seen)}`;
      throw error;
    }
    await sleep(intervalMs);
  }
}
