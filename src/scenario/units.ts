/**
 * Unit-bearing parameter strings ("35000/month", "485 km^2/month", "5 months", "12%").
 *
 * Units are parsed by mathjs (`math.unit`, not `math.evaluate`: a number followed by a unit
 * expression, no arithmetic and no functions). mathjs takes about a second to import, so it is
 * never imported statically: plain numbers ("640000") and percentages ("12%") are handled by a
 * strict fast path, and mathjs is loaded only when a string with a unit is met — synchronously
 * through `require` in Node (≥ 20.16, via `process.getBuiltinModule`), or ahead of time with
 * {@link loadUnits} where no `require` exists (browsers, Deno).
 *
 * Calendar units are mathjs's: a `year` is 365.25 days and a `month` is a twelfth of it,
 * 30.4375 days. So "1200/day" is 1200 · 30.4375 = 36,525 per month and "1 year" is exactly
 * 12 months.
 */
import { describeValue } from "../util/errors.js";

/**
 * The canonical unit a parameter is stored in.
 *
 * - `"1"`: dimensionless — counts ("640000") and fractions ("12%" → 0.12).
 * - `"1/month"`: a number per month — people ("35000/month", "1200/day", "420000/year") or a
 *   fraction per month ("2%/month" → 0.02).
 * - `"1/year"`: a number per year ("2/year").
 * - `"km^2"`: an area.
 * - `"km^2/month"`: an area per month ("485 km^2/month", "5820 km^2/year" → 485).
 * - `"month"`: a duration in months ("5 months", "1 year" → 12, "90 days" → 90 / 30.4375).
 *
 * A month is mathjs's month: 1/12 of a 365.25-day year, i.e. 30.4375 days.
 *
 * @example
 * const unit: Dimension = "km^2/month";
 * parseQuantity("5820 km^2/year", unit); // 485
 */
export type Dimension = "1" | "1/month" | "1/year" | "km^2" | "km^2/month" | "month";

/**
 * A quantity string could not be read or has the wrong dimension. The message is one line,
 * e.g. `expected a quantity in km^2/month, got "5 kg" (wrong dimension: mass)`.
 *
 * @example
 * try {
 *   parseQuantity("5 kg", "km^2/month");
 * } catch (error) {
 *   if (error instanceof QuantityError) console.error(error.message);
 * }
 */
export class QuantityError extends Error {
  /** The text that was given. */
  readonly input: unknown;
  /** The dimension that was expected. */
  readonly dimension: Dimension;

  constructor(input: unknown, dimension: Dimension, reason: string) {
    super(`expected ${expectedText(dimension)}, got ${describeValue(input)} (${reason})`);
    this.name = "QuantityError";
    this.input = input;
    this.dimension = dimension;
  }
}

/** The part of a mathjs `Unit` used here. */
interface UnitLike {
  /** The value in SI base units, or null for a unit without a number ("month"). */
  value: number | null;
  /** Exponents of mathjs's base dimensions (mass, length, time, …). */
  dimensions: number[];
  equalBase(other: UnitLike): boolean;
  toNumber(unit: string): number;
}

/** The part of mathjs used here. */
interface MathLike {
  unit(text: string): UnitLike;
}

let math: MathLike | undefined;
/** Why the synchronous load failed (kept so that later calls report it without retrying). */
let syncLoadFailure: string | undefined;

/** A decimal number, as JSON or JavaScript would write it (no hex, no separators, no Infinity). */
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const PLAIN = new RegExp(`^${NUMBER}$`);
/** A percentage, optionally per time: "12%", "12 %", "2%/month". */
const PERCENT = new RegExp(`^(${NUMBER})\\s*%(.*)$`, "s");

/** mathjs unit expression of each canonical dimension (without a number, as `toNumber` needs). */
const TARGET: Record<Exclude<Dimension, "1">, string> = {
  "1/month": "month^-1",
  "1/year": "year^-1",
  "km^2": "km^2",
  "km^2/month": "km^2/month",
  month: "month",
};

const BASE_NAMES = [
  "mass",
  "length",
  "time",
  "current",
  "temperature",
  "luminous intensity",
  "amount of substance",
  "angle",
  "information",
];

function expectedText(dimension: Dimension): string {
  return dimension === "1" ? "a plain number or percentage" : `a quantity in ${dimension}`;
}

/** Name a mathjs dimension vector for an error message: "mass", "area/time", "1/time". */
function describeDimensions(dims: readonly number[]): string {
  const num: string[] = [];
  const den: string[] = [];
  dims.forEach((exp, i) => {
    if (!exp) return;
    let name = BASE_NAMES[i] ?? `dimension ${i}`;
    let power = Math.abs(exp);
    if (name === "length" && (power === 2 || power === 3)) {
      name = power === 2 ? "area" : "volume";
      power = 1;
    }
    (exp > 0 ? num : den).push(power === 1 ? name : `${name}^${power}`);
  });
  if (num.length === 0 && den.length === 0) return "dimensionless";
  const top = num.length ? num.join("·") : "1";
  return den.length ? `${top}/${den.join("·")}` : top;
}

/**
 * Remove the floating-point noise of mathjs's round trip through SI units, so that
 * "5820 km^2/year" gives exactly 485 and not 484.99999999999994 (15 significant digits).
 */
function tidy(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(15));
}

function pickMath(mod: unknown): MathLike | undefined {
  const m = mod as { unit?: unknown; default?: { unit?: unknown } } | null | undefined;
  if (typeof m?.unit === "function") return m as MathLike;
  if (typeof m?.default?.unit === "function") return m.default as MathLike;
  return undefined;
}

/** Load mathjs synchronously through Node's `require`; undefined when that is impossible. */
function loadMathSync(): MathLike | undefined {
  if (math || syncLoadFailure !== undefined) return math;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = proc?.getBuiltinModule?.("node:module") as typeof import("node:module") | undefined;
  if (typeof nodeModule?.createRequire !== "function") return undefined;
  try {
    math = pickMath(nodeModule.createRequire(import.meta.url)("mathjs"));
    if (!math) syncLoadFailure = "mathjs has no unit()";
  } catch (error) {
    syncLoadFailure = error instanceof Error ? error.message.split("\n")[0] : String(error);
  }
  return math;
}

function finite(value: number, text: string, dimension: Dimension): number {
  if (!Number.isFinite(value)) throw new QuantityError(text, dimension, "not finite");
  return value;
}

/** Parse `text` (number + unit expression) with mathjs and convert it to `dimension`. */
function parseWithUnits(text: string, dimension: Dimension, original: string): number {
  const m = loadMathSync();
  if (!m) {
    const why = syncLoadFailure
      ? `could not load mathjs to read units: ${syncLoadFailure}`
      : "unit parsing is not loaded here: call `await loadUnits()` first";
    throw new QuantityError(original, dimension, why);
  }
  let unit: UnitLike;
  try {
    unit = m.unit(text);
  } catch {
    throw new QuantityError(original, dimension, "not a number with a unit");
  }
  if (unit.value === null) throw new QuantityError(original, dimension, "no number before the unit");
  if (dimension === "1") {
    if (unit.dimensions.some((d) => d !== 0)) {
      throw new QuantityError(original, dimension, `wrong dimension: ${describeDimensions(unit.dimensions)}`);
    }
    return finite(unit.value, original, dimension);
  }
  const target = TARGET[dimension];
  if (!unit.equalBase(m.unit(target))) {
    throw new QuantityError(original, dimension, `wrong dimension: ${describeDimensions(unit.dimensions)}`);
  }
  // Check the SI value too: "1e999/month" parses to Infinity, and Infinity·0 would hide it.
  finite(unit.value, original, dimension);
  return finite(unit.toNumber(target), original, dimension);
}

/**
 * Read a parameter string and return its value in the canonical unit `dimension`.
 *
 * - A plain number ("640000", "1.5e3") is taken as already canonical, for any dimension: "485"
 *   for `km^2/month` is 485 km²/month. Plain numbers never load mathjs.
 * - A percentage ("12%") is a fraction (0.12) and fits only dimension `"1"`; "2%/month" is a
 *   fraction per month (0.02 for `1/month`). Bare percentages never load mathjs.
 * - Anything else is a number followed by a mathjs unit expression ("35000/month",
 *   "485 km^2/month", "5820 km^2/year", "90 days", "2 hectare/month"), converted with mathjs's
 *   calendar: month = year / 12 = 30.4375 days. Words such as "per" are not units: write
 *   "2/year", not "2 per year".
 *
 * The result is finite, with mathjs's SI round-trip noise removed (15 significant digits).
 * Synchronous: in Node (≥ 20.16) mathjs is `require`d on first need (≈1 s, once); elsewhere call
 * {@link loadUnits} first.
 *
 * @throws {QuantityError} on an empty or unreadable string, a wrong dimension, a non-finite
 *   value, or when units are needed but mathjs is not loaded.
 *
 * @example
 * parseQuantity("35000/month", "1/month");     // 35000
 * parseQuantity("1200/day", "1/month");        // 36525  (1200 · 30.4375)
 * parseQuantity("5820 km^2/year", "km^2/month"); // 485
 * parseQuantity("1 year", "month");            // 12
 * parseQuantity("12%", "1");                   // 0.12
 * parseQuantity("640000", "1");                // 640000
 * parseQuantity("5 kg", "km^2/month");
 * // QuantityError: expected a quantity in km^2/month, got "5 kg" (wrong dimension: mass)
 */
export function parseQuantity(text: string, dimension: Dimension): number {
  if (typeof text !== "string") throw new QuantityError(text, dimension, "not a string");
  if (dimension !== "1" && !Object.hasOwn(TARGET, dimension)) {
    throw new TypeError(`parseQuantity: unknown dimension ${describeValue(dimension)}`);
  }
  const s = text.trim();
  if (s === "") throw new QuantityError(text, dimension, "empty");

  if (PLAIN.test(s)) return finite(Number(s), text, dimension);

  const pct = PERCENT.exec(s);
  if (pct) {
    const rest = pct[2]!.trim();
    if (rest === "") {
      if (dimension !== "1") throw new QuantityError(text, dimension, "wrong dimension: dimensionless");
      return finite(tidy(Number(pct[1]) / 100), text, dimension);
    }
    if (!rest.startsWith("/")) throw new QuantityError(text, dimension, "not a number with a unit");
    return finite(tidy(parseWithUnits(`${pct[1]} ${rest}`, dimension, text) / 100), text, dimension);
  }

  return tidy(parseWithUnits(s, dimension, text));
}

/**
 * Load mathjs with a dynamic `import()` so that {@link parseQuantity} can read unit strings
 * where no synchronous `require` exists (browsers, Deno). Not needed in Node ≥ 20.16, where
 * mathjs is loaded on first need; harmless to call anyway. Idempotent.
 *
 * @example
 * await loadUnits();
 * parseQuantity("485 km^2/month", "km^2/month"); // 485, in any runtime
 */
export async function loadUnits(): Promise<void> {
  if (math) return;
  const mod: unknown = await import("mathjs");
  const loaded = pickMath(mod);
  if (!loaded) throw new Error("loadUnits: the mathjs module has no unit() function");
  math ??= loaded;
  syncLoadFailure = undefined;
}

/**
 * Whether mathjs has been loaded by this module (by a unit string or {@link loadUnits}).
 * Plain numbers and percentages never load it.
 *
 * @example
 * parseQuantity("640000", "1");
 * isMathLoaded(); // false — the fast path does not need mathjs
 */
export function isMathLoaded(): boolean {
  return math !== undefined;
}
