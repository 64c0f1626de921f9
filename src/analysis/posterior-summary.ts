import { quantile, type DistSpec } from "../scenario/distributions.js";
import { weightedQuantile } from "./abc.js";

/** How much the data narrowed one parameter. */
export interface ParameterFit {
  path: string;
  /** A month of the year (wraps around): quantiles are given around the circular mean, possibly beyond 1…13. */
  circular: boolean;
  prior: { p05: number; p50: number; p95: number };
  posterior: { mean: number; sd: number; p05: number; p50: number; p95: number };
  /** Posterior 90% interval width ÷ prior 90% interval width. */
  widthRatio: number;
  /** < 0.5: informed by the data; 0.5–0.8: weakly informed; ≥ 0.8: stays (close to) its prior. */
  verdict: "informed" | "weakly informed" | "prior";
}

const wrapHalf = (x: number) => x - Math.floor(x + 0.5);
const fmt = (x: number) => x.toFixed(2);

/**
 * Per-parameter posterior summaries (weighted) against the priors, and one plain sentence on
 * which parameters the data inform and which stay assumptions.
 * @example
 * summarizeFit(["a"], [{ dist: "uniform", min: 0, max: 1 }], [false], Float64Array.of(0.4, 0.6), Float64Array.of(0.5, 0.5), 2).parameters[0].widthRatio; // ≈ 0.2
 */
export function summarizeFit(
  paths: readonly string[],
  specs: readonly DistSpec[],
  circular: readonly boolean[],
  uniforms: Float64Array,
  weights: Float64Array,
  count: number,
): { parameters: ParameterFit[]; summary: string } {
  const d = specs.length;
  const parameters = specs.map((spec, c): ParameterFit => {
    let values = Float64Array.from({ length: count }, (_, i) => quantile(spec, uniforms[i * d + c]!));
    const prior = { p05: quantile(spec, 0.05), p50: quantile(spec, 0.5), p95: quantile(spec, 0.95) };
    let priorWidth = prior.p95 - prior.p05;
    if (circular[c]) {
      // Months on a circle of 12: unwrap around the weighted circular mean.
      let s = 0,
        k = 0;
      for (let i = 0; i < count; i += 1) {
        const angle = (2 * Math.PI * values[i]!) / 12;
        s += weights[i]! * Math.sin(angle);
        k += weights[i]! * Math.cos(angle);
      }
      const centre = (Math.atan2(s, k) * 12) / (2 * Math.PI);
      values = values.map((v) => centre + 12 * wrapHalf((v - centre) / 12));
      priorWidth = 0.9 * 12;
    }
    let mean = 0;
    for (let i = 0; i < count; i += 1) mean += weights[i]! * values[i]!;
    let variance = 0;
    for (let i = 0; i < count; i += 1) variance += weights[i]! * (values[i]! - mean) ** 2;
    const [p05, p50, p95] = [0.05, 0.5, 0.95].map((p) => weightedQuantile(values, weights, p)) as [number, number, number];
    const widthRatio = priorWidth > 0 ? (p95 - p05) / priorWidth : NaN;
    const verdict = widthRatio < 0.5 ? "informed" : widthRatio < 0.8 ? "weakly informed" : "prior";
    return {
      path: paths[c]!,
      circular: circular[c]!,
      prior,
      posterior: { mean, sd: Math.sqrt(variance), p05, p50, p95 },
      widthRatio,
      verdict,
    };
  });
  const list = (verdict: ParameterFit["verdict"]) =>
    parameters
      .filter((p) => p.verdict === verdict)
      .sort((a, b) => a.widthRatio - b.widthRatio)
      .map((p) => `${p.path} (${fmt(p.widthRatio)})`);
  const informed = list("informed"),
    weak = list("weakly informed"),
    prior = list("prior");
  const parts: string[] = [];
  if (informed.length) parts.push(`The data inform ${informed.join(", ")}`);
  if (weak.length) parts.push(`${parts.length ? "weakly inform" : "The data weakly inform"} ${weak.join(", ")}`);
  if (prior.length)
    parts.push(`${parts.length ? "and leave" : "The data leave"} ${prior.join(", ")} close to their priors — those stay assumptions`);
  const summary = `${parts.join("; ")}. (In brackets: posterior 90% interval width ÷ prior 90% interval width.)`;
  return { parameters, summary };
}
