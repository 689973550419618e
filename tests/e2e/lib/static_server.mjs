// A tiny static file server for the built site (WebAssembly must be fetched over http), on a free
// loopback port; only files inside the site folder are served, gzip-compressed ahead if asked.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

// gzip: send the site's top-level files compressed to browsers that accept it, as a production
// server would, compressed before listening so that compressing is not part of any load time.
export function serveStatic(root, { gzip = false } = {}) {
  const base = path.resolve(root);
  const gzipped = new Map();
  if (gzip)
    for (const name of fs.readdirSync(base))
      if (fs.statSync(path.join(base, name)).isFile())
        gzipped.set(path.join(base, name), zlib.gzipSync(fs.readFileSync(path.join(base, name)), { level: 9 }));
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    const file = path.resolve(base, '.' + (pathname.endsWith('/') ? pathname + 'index.html' : pathname));
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    const headers = { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
                      'Cache-Control': 'no-store' };
    if (gzipped.has(file) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip' });
      res.end(gzipped.get(file));
      return;
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      const close = () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); });
      resolve({ url, close });
    });
  });
}
