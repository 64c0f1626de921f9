import { describe, expect, it } from "vitest";
import { readObservationFiles, shippedObservations } from "../../src/data/observation-set.js";
import { lossEstimates } from "../../src/data/series.js";
import { InputError } from "../../src/util/errors.js";
import { shippedText, truncatedText } from "../helpers/observation-files.js";
import { thrownInputError } from "../helpers/thrown.js";

const ISW_MONTHLY = "occupied_area_isw_monthly.csv",
  ISW_DAILY = "occupied_area_isw_daily.csv",
  CLAIMS_MONTHLY = "russia_personnel_losses_monthly.csv",
  CLAIMS_DAILY = "russia_personnel_losses_daily.csv",
  ECONOMIST = "economist_russian_losses_meta_estimate_daily.csv";

const errorOf = (read: () => unknown): InputError => thrownInputError(read, InputError);

describe("readObservationFiles", () => {
  it("reads the shipped files to the same month ends as the shipped series", () => {
    const set = readObservationFiles({ [ISW_MONTHLY]: shippedText(ISW_MONTHLY), [CLAIMS_MONTHLY]: shippedText(CLAIMS_MONTHLY), [ECONOMIST]: shippedText(ECONOMIST) });
    const shipped = shippedObservations();
    expect(set.isw).toEqual(shipped.isw);
    expect(set.claims).toEqual(shipped.claims);
    expect(set.economist).toEqual(shipped.economist);
    expect(set.notes).toEqual([]);
    expect(set.files).toEqual({ isw: ISW_MONTHLY, claims: CLAIMS_MONTHLY, economist: ECONOMIST });
  });

  it("prefers a daily file to a monthly one, says so, and reads the same month ends (to the monthly file's rounding)", () => {
    const set = readObservationFiles({
      [ISW_MONTHLY]: shippedText(ISW_MONTHLY),
      [ISW_DAILY]: shippedText(ISW_DAILY),
      [CLAIMS_MONTHLY]: shippedText(CLAIMS_MONTHLY),
      [CLAIMS_DAILY]: shippedText(CLAIMS_DAILY),
    });
    expect(set.files).toEqual({ isw: ISW_DAILY, claims: CLAIMS_DAILY });
    expect(set.notes).toEqual([
      `${ISW_MONTHLY} not used: ${ISW_DAILY} is (a daily file is preferred to a monthly one)`,
      `${CLAIMS_MONTHLY} not used: ${CLAIMS_DAILY} is (a daily file is preferred to a monthly one)`,
    ]);
    const monthly = new Map(shippedObservations().isw!.map((r) => [r.month, r]));
    const inWindow = set.isw!.filter((r) => r.month >= "2023-01");
    expect(inWindow).toHaveLength(30);
    for (const r of inWindow) {
      expect(r.date).toBe(monthly.get(r.month)!.date);
      expect(Math.abs(r.value - monthly.get(r.month)!.value)).toBeLessThanOrEqual(0.05); // monthly: one decimal
    }
    const claims = new Map(shippedObservations().claims!.map((r) => [r.month, r.value]));
    for (const r of set.claims!) expect(r.value).toBe(claims.get(r.month));
  });

  it("leaves out a partial last month of a daily file (no row in its last 7 days), with a note", () => {
    const upTo = (day: string) => shippedText(ISW_DAILY).split("\r\n").filter((l, k) => k === 0 || l.slice(0, 10) <= day).join("\r\n");
    const text = upTo("2025-06-23");
    const set = readObservationFiles({ [ISW_DAILY]: text });
    expect(set.isw!.at(-1)!.month).toBe("2025-05");
    expect(set.notes).toEqual([`${ISW_DAILY}: 2025-06 left out: the file ends on 2025-06-23, before the month's last 7 days (a partial month)`]);
    // The 24th is inside June's last 7 days: June counts.
    expect(readObservationFiles({ [ISW_DAILY]: upTo("2025-06-24") }).isw!.at(-1)).toMatchObject({ month: "2025-06", date: "2025-06-24" });
  });

  it("leaves out a monthly row whose last report is early in the month, with a note", () => {
    const text = truncatedText(CLAIMS_MONTHLY, "2025-06").replace("2025-06,2025-06-30,", "2025-06,2025-06-15,");
    const set = readObservationFiles({ [CLAIMS_MONTHLY]: text });
    expect(set.claims!.at(-1)!.month).toBe("2025-05");
    expect(set.notes[0]).toBe(`${CLAIMS_MONTHLY}: 2025-06 left out: its last report (2025-06-15) is not in the month's last 7 days (a partial month)`);
  });

  it("names the file, line and column of a bad cell", () => {
    const lines = shippedText(ISW_DAILY).split("\r\n");
    lines[5] = lines[5]!.replace(/,[^,]+,/, ",12x,");
    const e = errorOf(() => readObservationFiles({ [ISW_DAILY]: lines.join("\r\n") }));
    expect(e.issues[0]!.path).toBe(`${ISW_DAILY}: line 6, column occupied_km2`);
    expect(e.issues[0]!.message).toBe('expected a number, got "12x"');
  });

  it("refuses dates out of order, a negative value and an Economist interval that does not hold its estimate", () => {
    const lines = shippedText(CLAIMS_DAILY).split("\r\n");
    [lines[10], lines[11]] = [lines[11]!, lines[10]!];
    expect(errorOf(() => readObservationFiles({ [CLAIMS_DAILY]: lines.join("\r\n") })).issues[0]!.path).toBe(`${CLAIMS_DAILY}: line 12, column date`);
    const negative = shippedText(ISW_DAILY).replace(/\r\n2023-05-10,[^,]+,/, "\r\n2023-05-10,-5,");
    expect(errorOf(() => readObservationFiles({ [ISW_DAILY]: negative })).issues[0]!.message).toBe("expected a value ≥ 0, got -5");
    const econ = shippedText(ECONOMIST).split("\r\n");
    const cells = econ[3]!.split(",");
    cells[9] = String(Number(cells[6]) + 1); // casualties_pi_low above casualties_est
    econ[3] = cells.join(",");
    const e = errorOf(() => readObservationFiles({ [ECONOMIST]: econ.join("\r\n") }));
    expect(e.issues[0]!.path).toBe(`${ECONOMIST}: line 4, column casualties_pi_low`);
  });

  it("refuses a file name it does not know, and gives the point estimates' rows as they are", () => {
    expect(errorOf(() => readObservationFiles({ "occupied_area.csv": "" })).issues[0]!.path).toBe("occupied_area.csv");
    const set = readObservationFiles({ "loss_estimates_point_claims.csv": shippedText("loss_estimates_point_claims.csv") });
    expect(set.pointEstimates).toEqual(lossEstimates);
    expect(set.files.pointEstimates).toBe("loss_estimates_point_claims.csv");
    expect(set.notes).toEqual([]);
    expect(set.isw).toBeUndefined();
  });
});
