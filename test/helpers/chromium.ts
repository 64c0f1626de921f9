/**
 * Test helper: render an SVG to PNG in headless Chromium (Debian's `chromium-headless-shell`)
 * and decode the PNG with node:zlib (no dependencies), to check that a chart is seen, not just
 * written.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { inflateSync } from "node:zlib";

const CANDIDATES = ["chromium-headless-shell", "chromium", "chromium-browser"];

/** Path of a headless Chromium on PATH (or CHROMIUM_BIN), or undefined. */
export function findChromium(): string | undefined {
  const explicit = process.env.CHROMIUM_BIN;
  const dirs = (process.env.PATH ?? "").split(delimiter).concat(["/usr/bin", "/usr/lib/chromium"]);
  const names = explicit ? [explicit] : CANDIDATES;
  for (const name of names) {
    for (const path of name.includes("/") ? [name] : dirs.map((d) => join(d, name))) {
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * Screenshot `svg` (embedded in a blank page, no margins) at width × height CSS pixels.
 * Returns the PNG bytes.
 */
export function renderSvgToPng(chromium: string, svg: string, width = 800, height = 450, keepAs?: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "attrition-sim-chromium-"));
  try {
    const page = join(dir, "chart.html");
    const png = keepAs ?? join(dir, "chart.png");
    writeFileSync(
      page,
      `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}svg{display:block}</style></head><body>${svg}</body></html>`,
    );
    const r = spawnSync(
      chromium,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        `--user-data-dir=${join(dir, "profile")}`,
        `--screenshot=${png}`,
        `--window-size=${width},${height}`,
        `file://${page}`,
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    if (r.error) throw r.error;
    try {
      return readFileSync(png);
    } catch {
      throw new Error(`chromium wrote no screenshot (exit ${r.status}):\n${r.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A decoded 8-bit PNG: RGBA pixels, row by row. */
export interface DecodedPng {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * Decode a non-interlaced 8-bit PNG (greyscale, RGB, RGBA, grey+alpha or palette) with
 * node:zlib: read IHDR/PLTE/IDAT, inflate, undo the per-row filters (PNG spec §9).
 */
export function decodePng(bytes: Buffer): DecodedPng {
  if (bytes.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") throw new Error("not a PNG");
  let width = 0,
    height = 0,
    depth = 0,
    colorType = 0,
    interlace = 0;
  let palette: Buffer | undefined;
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8]!;
      colorType = data[9]!;
      interlace = data[12]!;
    } else if (type === "PLTE") palette = data;
    else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    at += 12 + length;
  }
  if (depth !== 8 || interlace !== 0) throw new Error(`unsupported PNG: bit depth ${depth}, interlace ${interlace}`);
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x += 1) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c,
          pa = Math.abs(p - a),
          pb = Math.abs(p - b),
          pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter} on row ${y}`);
      pixels[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    const p = pixels.subarray(i * channels, (i + 1) * channels);
    const [r, g, b, alpha] =
      colorType === 0
        ? [p[0]!, p[0]!, p[0]!, 255]
        : colorType === 4
          ? [p[0]!, p[0]!, p[0]!, p[1]!]
          : colorType === 2
            ? [p[0]!, p[1]!, p[2]!, 255]
            : colorType === 6
              ? [p[0]!, p[1]!, p[2]!, p[3]!]
              : [palette![p[0]! * 3]!, palette![p[0]! * 3 + 1]!, palette![p[0]! * 3 + 2]!, 255];
    rgba.set([r, g, b, alpha], i * 4);
  }
  return { width, height, rgba };
}

/** Variance of the luminance (0…255) over all pixels: 0 for a blank image. */
export function luminanceVariance(png: DecodedPng): number {
  const n = png.width * png.height;
  let sum = 0,
    sumSq = 0;
  for (let i = 0; i < n; i += 1) {
    const y = 0.2126 * png.rgba[i * 4]! + 0.7152 * png.rgba[i * 4 + 1]! + 0.0722 * png.rgba[i * 4 + 2]!;
    sum += y;
    sumSq += y * y;
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** Pixels within `tolerance` (per channel) of an `#rrggbb` colour. */
export function countColor(png: DecodedPng, hex: string, tolerance = 24): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < png.width * png.height; i += 1) {
    if (
      Math.abs(png.rgba[i * 4]! - r!) <= tolerance &&
      Math.abs(png.rgba[i * 4 + 1]! - g!) <= tolerance &&
      Math.abs(png.rgba[i * 4 + 2]! - b!) <= tolerance
    )
      count += 1;
  }
  return count;
}
