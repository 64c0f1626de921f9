/**
 * The parts every SVG chart here is drawn with: escaping, the palette and font, coordinates,
 * ids, and the axes (round value ticks with their labels; dated time ticks). Plain strings.
 */
import { withTypographicMinus } from "../util/format.js";

/** Line colours of overlaid scenarios, in order (colour-blind-safe Okabe–Ito hues, darkened). */
export const PALETTE = ["#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#be185d"] as const;
/** The font stack of every chart. */
export const FONT = "DejaVu Sans, Liberation Sans, Helvetica, Arial, sans-serif";

/** Escape text for XML content and attribute values; drop characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      "",
    )
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A coordinate with at most two decimals, never "-0". */
export const px = (v: number) => String(Math.round(v * 100) / 100 + 0);

/** FNV-1a hash, for ids that are unique per chart yet deterministic. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/** Fractional year of the instant at the end of a YYYY-MM-DD day (so 2025-12-31 → 2026.0). */
export function yearAt(date: string, endOfDay: boolean): number {
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const t = Date.UTC(y, m - 1, d + (endOfDay ? 1 : 0));
  const year = new Date(t).getUTCFullYear();
  return year + (t - Date.UTC(year, 0, 1)) / (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1));
}

/**
 * Round "nice" ticks (1, 2, 2.5, 5 × 10^k) covering [lo, hi], about `target` of them. A span
 * too narrow for its magnitude — within 1e-9 of it (rounding noise: ticks printed to 12
 * significant digits would coincide), or the ticks' indices beyond 2^53, where counting by one
 * stops — is treated as the single value at its middle.
 */
export function niceTicks(lo: number, hi: number, target = 6): number[] {
  if (hi > lo && hi - lo <= 1e-9 * Math.max(Math.abs(lo), Math.abs(hi))) lo = hi = lo + (hi - lo) / 2;
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    [lo, hi] = [lo - pad, hi + pad];
  }
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => (hi - lo) / s <= target) ?? 10 * mag;
  const first = Math.floor(lo / step + 1e-9),
    last = Math.ceil(hi / step - 1e-9);
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last)) {
    const middle = lo + (hi - lo) / 2;
    return niceTicks(middle, middle, target);
  }
  const ticks: number[] = [];
  for (let i = first; i <= last; i += 1) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** Tick labels with the fewest decimals that tell the ticks apart exactly. */
export function tickLabels(ticks: readonly number[], suffix: string): string[] {
  let d = 0;
  while (d < 6 && ticks.some((t) => Math.abs(Number(t.toFixed(d)) - t) > 1e-9 * Math.max(1, Math.abs(t)))) d += 1;
  return ticks.map((t) => `${withTypographicMinus((t + 0).toFixed(d))}${suffix}`);
}

/** x ticks: 1 January of every k-th year, or the 1st of every k-th month for short spans. */
export function timeTicks(t0: number, t1: number, maxTicks: number): { at: number; label: string }[] {
  const out: { at: number; label: string }[] = [];
  if (t1 - t0 > 2) {
    const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => Math.floor(t1 / s) - Math.ceil(t0 / s) + 1 <= maxTicks) ?? 100;
    for (let y = Math.ceil(t0 / step) * step; y <= t1 + 1e-9; y += step) out.push({ at: y, label: String(y) });
    return out;
  }
  const months: { at: number; label: string; index: number }[] = [];
  for (let y = Math.floor(t0); y <= Math.ceil(t1); y += 1) {
    for (let m = 1; m <= 12; m += 1) {
      const at = yearAt(`${y}-${String(m).padStart(2, "0")}-01`, false);
      if (at >= t0 - 1e-9 && at <= t1 + 1e-9) months.push({ at, label: `${y}-${String(m).padStart(2, "0")}`, index: y * 12 + m - 1 });
    }
  }
  const k = [1, 2, 3, 6, 12].find((s) => months.filter((m) => m.index % s === 0).length <= maxTicks) ?? 12;
  return months.filter((m) => m.index % k === 0).map(({ at, label }) => ({ at, label }));
}
