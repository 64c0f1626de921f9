import { CsvError } from "../../src/data/csv.js";
import { thrownInputError } from "./thrown.js";

/** The CsvError `f` throws (failing the test if it throws anything else, or nothing). */
export const thrown = (f: () => unknown): CsvError => thrownInputError(f, CsvError);
