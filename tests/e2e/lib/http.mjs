// JSON over HTTP for the test's own calls (admin REST, the widget's public endpoints), each with a
// timeout; `expect` turns an unexpected status into an error that shows the server's answer.
export class Http {
  constructor(base, token = '') {
    this.base = base;
    this.token = token;
  }

  async call(method, path, body) {
    const headers = { 'Content-Type': 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const init = { method, headers, signal: AbortSignal.timeout(10000) };
    if (body !== undefined) init.body = JSON.stringify(body);
    let response;
    try {
      response = await fetch(this.base + path, init);
    } catch (error) {
      throw new Error(`${method} ${path}: ${error.cause?.message ?? error.message}`);
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the text */ }
    return { status: response.status, body: json, text };
  }

  async expect(status, method, path, body) {
    const reply = await this.call(method, path, body);
    if (reply.status !== status)
      throw new Error(`${method} ${path} answered ${reply.status}, expected ${status}: ${reply.text.slice(0, 300)}`);
    return reply.body;
  }

  get(path) { return this.expect(200, 'GET', path); }
}
