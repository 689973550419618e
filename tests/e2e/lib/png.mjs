// Reads a PNG screenshot (8-bit RGB or RGBA, not interlaced) into {width, height, rgba} with Node's
// zlib, and measures how sharp its text is: the share of strong horizontal luminance steps that
// happen within one pixel (a picture drawn at lower resolution and scaled up spreads them over two).
import zlib from 'node:zlib';

export function readPng(buffer) {
  if (buffer.readUInt32BE(12) !== 0x49484452) throw new Error('not a PNG');
  const width = buffer.readUInt32BE(16), height = buffer.readUInt32BE(20);
  const depth = buffer[24], type = buffer[25], interlace = buffer[28];
  if (depth !== 8 || (type !== 2 && type !== 6) || interlace !== 0) throw new Error(`unsupported PNG (${depth}/${type})`);
  const channels = type === 6 ? 4 : 3;
  const chunks = [];
  for (let at = 8; at < buffer.length;) {
    const length = buffer.readUInt32BE(at), kind = buffer.toString('ascii', at + 4, at + 8);
    if (kind === 'IDAT') chunks.push(buffer.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = zlib.inflateSync(Buffer.concat(chunks));
  const stride = width * channels, rgba = Buffer.alloc(width * height * 4);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; ++i) {
      const a = i >= channels ? line[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i] + add) & 0xFF;
    }
    for (let x = 0; x < width; ++x) {
      for (let k = 0; k < 3; ++k) rgba[(y * width + x) * 4 + k] = line[x * channels + k];
      rgba[(y * width + x) * 4 + 3] = channels === 4 ? line[x * channels + 3] : 255;
    }
    previous = line;
  }
  return { width, height, rgba };
}

// Of the luminance steps of at least 96 between pixels two apart, the share that happen between
// neighbours (a one-pixel edge).
export function sharpness({ width, height, rgba }) {
  const lum = (x, y) => {
    const i = (y * width + x) * 4;
    return 0.2126 * rgba[i] + 0.7152 * rgba[i + 1] + 0.0722 * rgba[i + 2];
  };
  let steps = 0, crisp = 0;
  for (let y = 0; y < height; y += 2)
    for (let x = 0; x + 2 < width; ++x) {
      const a = lum(x, y), b = lum(x + 1, y), c = lum(x + 2, y);
      if (Math.abs(c - a) < 96) continue;
      ++steps;
      if (Math.abs(b - a) >= 80 || Math.abs(c - b) >= 80) ++crisp;
    }
  return steps ? crisp / steps : 0;
}
