// Reads browser screenshots (8-bit PNG, RGB or RGBA, not interlaced) to tell whether text is
// painted where a mention is: enough for "the highlight is still readable".
import { inflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

export function decodePng(png: Buffer): Image {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colourType = body[9] as number;
      if (depth !== 8 || (colourType !== 2 && colourType !== 6) || body[12] !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colourType}`);
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = colourType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (pixels[y * stride + x - channels] as number) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const c = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] as number) : 0;
      let value = line[x] as number;
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += Math.floor((a + b) / 2);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = value & 255;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < pixels.length; i += channels, j += 4) {
    data[j] = pixels[i] as number;
    data[j + 1] = pixels[i + 1] as number;
    data[j + 2] = pixels[i + 2] as number;
    data[j + 3] = channels === 4 ? (pixels[i + 3] as number) : 255;
  }
  return { width, height, data };
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance(r: number, g: number, b: number): number {
  const f = (v: number): number => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

export interface Ink {
  /** The most common colour of the box: taken as its background. */
  background: [number, number, number];
  /** The colour that differs most from it: taken as the glyphs' ink. */
  ink: [number, number, number];
  /** WCAG contrast ratio between the two: 1 when nothing is painted on the background. */
  contrast: number;
  /** Pixels that differ clearly from the background. */
  inkPixels: number;
}

/** What is painted inside a box of the screenshot (CSS pixels times `scale`). */
export function inkIn(image: Image, box: { left: number; top: number; right: number; bottom: number }, scale = 1): Ink {
  const x0 = Math.max(0, Math.floor(box.left * scale));
  const y0 = Math.max(0, Math.floor(box.top * scale));
  const x1 = Math.min(image.width, Math.ceil(box.right * scale));
  const y1 = Math.min(image.height, Math.ceil(box.bottom * scale));
  const counts = new Map<number, number>();
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      const key = ((image.data[i] as number) << 16) | ((image.data[i + 1] as number) << 8) | (image.data[i + 2] as number);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  let backgroundKey = 0;
  let best = -1;
  for (const [key, count] of counts) if (count > best) [backgroundKey, best] = [key, count];
  const rgb = (key: number): [number, number, number] => [(key >> 16) & 255, (key >> 8) & 255, key & 255];
  const background = rgb(backgroundKey);
  const lb = luminance(...background);
  let ink = background;
  let contrast = 1;
  let inkPixels = 0;
  for (const [key, count] of counts) {
    const colour = rgb(key);
    const l = luminance(...colour);
    const ratio = (Math.max(l, lb) + 0.05) / (Math.min(l, lb) + 0.05);
    if (ratio > 1.5) inkPixels += count;
    // The strongest colour that covers a few pixels, so one stray anti-aliased pixel does not count.
    if (ratio > contrast && count >= 3) [ink, contrast] = [colour, ratio];
  }
  return { background, ink, contrast, inkPixels };
}

/** The colour at a point (CSS pixels times `scale`). */
export function pixelAt(image: Image, x: number, y: number, scale = 1): [number, number, number] {
  const i = (Math.floor(y * scale) * image.width + Math.floor(x * scale)) * 4;
  return [image.data[i] as number, image.data[i + 1] as number, image.data[i + 2] as number];
}
