/**
 * Loading zod only when something validates (issue 12, item 5: start-up).
 *
 * zod takes ≈ 45 ms to import, and most uses of the library never need it: a preset by name
 * and an already-parsed scenario are simulated without validation, and a worker never
 * validates. ESM has no synchronous lazy `import`, so zod is never imported statically (type
 * imports aside): in Node (≥ 20.16, through `process.getBuiltinModule`) it is `require`d on
 * first need, synchronously, from the ESM and the CJS builds alike, as units.ts does for mathjs.
 * Where no `require` exists (browsers, runtimes without `getBuiltinModule`), call
 * {@link loadValidation} once first — validating before that throws an error that says so.
 *
 * Two copies of zod (the user's ESM one, ours through `require`) are interchangeable: zod 4
 * keeps its registry on `globalThis` and its `instanceof` checks by trait.
 */
import type { z as Zod } from "zod";

export type ZodNamespace = typeof Zod;

let loaded: ZodNamespace | undefined;
let syncFailure: string | undefined;

function pick(mod: unknown): ZodNamespace | undefined {
  const m = mod as { z?: ZodNamespace; object?: unknown } | null | undefined;
  if (typeof m?.z?.object === "function") return m.z;
  if (typeof m?.object === "function") return m as ZodNamespace;
  return undefined;
}

/** Node's `require` for this file, or undefined where none can be had without a static import of node:module. */
export function syncRequire(): ((id: string) => unknown) | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = proc?.getBuiltinModule?.("node:module") as typeof import("node:module") | undefined;
  if (typeof nodeModule?.createRequire !== "function") return undefined;
  return nodeModule.createRequire(import.meta.url);
}

/**
 * zod's `z`, loaded on the first call (synchronously in Node).
 * @throws {Error} where zod cannot be loaded synchronously and {@link loadValidation} has not run.
 */
export function zod(): ZodNamespace {
  if (loaded) return loaded;
  if (syncFailure === undefined) {
    const req = syncRequire();
    if (req) {
      try {
        loaded = pick(req("zod"));
        if (!loaded) syncFailure = "the zod module has no z";
      } catch (error) {
        syncFailure = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
      }
    }
  }
  if (loaded) return loaded;
  throw new Error(
    syncFailure
      ? `attrition-sim: could not load zod to validate: ${syncFailure}`
      : "attrition-sim: validation (zod) is not loaded in this runtime: call `await loadValidation()` from attrition-sim/advanced first",
  );
}

/** True once zod has been loaded by this module (a preset by name or a parsed scenario never loads it). */
export function isZodLoaded(): boolean {
  return loaded !== undefined;
}

/**
 * Load zod (the validation of scenario objects and result JSON) with a dynamic `import()`, for
 * runtimes without a synchronous `require` (browsers): after it, `parseScenario` of any object
 * and the result schemas run synchronously. Not needed in Node (zod is `require`d on first
 * need) nor for presets by name; harmless to call anyway. Idempotent. For unit strings in such
 * runtimes, call `loadUnits()` too.
 *
 * @example
 * await loadValidation();
 * parseScenario({ extends: "baseline", ceasefire: { hazardPerMonth: 0 } }); // in any runtime
 */
export async function loadValidation(): Promise<void> {
  if (loaded) return;
  const mod: unknown = await import("zod");
  const z = pick(mod);
  if (!z) throw new Error("attrition-sim: the zod module has no z");
  loaded ??= z;
  syncFailure = undefined;
}

/** `build()` once, on the first call. */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = build();
      done = true;
    }
    return value as T;
  };
}

/**
 * An object that stands for `build()`'s result and builds it on first use: the public zod
 * schemas (`projectionJsonSchema`, …) are exported as these, so importing the library does not
 * load zod, while `projectionJsonSchema.parse(json)` and `z.toJSONSchema(projectionJsonSchema)`
 * work as before (the schema's registry metadata is copied to the stand-in when it is built).
 * Internal code composes the real schemas, never the stand-ins.
 */
export function lazyObject<T extends object>(build: () => T): T {
  let real: T | undefined;
  const target = {} as T;
  const get = (): T => {
    if (!real) {
      real = build();
      const registry = (globalThis as { __zod_globalRegistry?: { get(s: object): unknown; add(s: object, m: unknown): unknown } })
        .__zod_globalRegistry;
      const meta = registry?.get(real);
      if (registry && meta !== undefined) registry.add(proxy, meta);
    }
    return real;
  };
  const proxy: T = new Proxy(target, {
    get: (_, key) => Reflect.get(get(), key),
    set: (_, key, value) => Reflect.set(get(), key, value),
    has: (_, key) => Reflect.has(get(), key),
    deleteProperty: (_, key) => Reflect.deleteProperty(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(get(), key);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_, key, d) => Reflect.defineProperty(get(), key, d),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  });
  return proxy;
}
