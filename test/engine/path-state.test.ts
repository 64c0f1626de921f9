import { describe, expect, it } from "vitest";
import { columnMedian, stateMedians } from "../../src/engine/path-state.js";

describe("columnMedian", () => {
  it("takes the middle value of an odd count, whatever the row order (@example)", () => {
    expect(
      columnMedian(
        [
          [1, 9],
          [3, 7],
          [2, 8],
        ],
        0,
      ),
    ).toBe(2);
    expect(
      columnMedian(
        [
          [1, 9],
          [3, 7],
          [2, 8],
        ],
        1,
      ),
    ).toBe(8);
  });
  it("averages the middle two of an even count", () => {
    expect(columnMedian([[4], [1], [10], [2]], 0)).toBe(3);
  });
});

describe("stateMedians", () => {
  it("rounds the regime column to a regime and leaves the others as they are (@example)", () => {
    expect(stateMedians({ columns: ["regime"], rows: [[0], [1], [1]] })).toEqual([1]);
    expect(
      stateMedians({
        columns: ["occupiedKm2", "regime"],
        rows: [
          [1, 0],
          [2, 1],
        ],
      }),
    ).toEqual([1.5, 1]);
  });
});
