/**
 * The scores' old home. CRPS and central-interval coverage now live in the scoring module
 * (src/analysis/scoring.ts: scoring-crps.ts, scoring-intervals.ts) and the Student-t helpers in
 * student-t.ts; these re-exports keep the public entry (src/index.ts, owned by the API work)
 * building until it imports from there.
 */
export { crpsSample } from "./scoring-crps.js";
export { inCentralInterval } from "./scoring-intervals.js";
export { studentTQuantile, studentTSample } from "./student-t.js";
