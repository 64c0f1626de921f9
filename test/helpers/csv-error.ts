import { expect } from "vitest";
import { CsvError } from "../../src/data/csv.js";
import { InputError } from "../../src/util/errors.js";

/** The CsvError `f` throws (failing the test if it throws anything else, or nothing). */
export function thrown(f: () => unknown): CsvError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(CsvError);
    expect(error).toBeInstanceOf(InputError);
    return error as CsvError;
  }
  throw new Error("expected a CsvError");
}
