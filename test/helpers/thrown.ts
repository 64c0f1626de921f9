import { expect } from "vitest";
import { InputError } from "../../src/util/errors.js";

/** The error of class `kind` that `f` throws — an InputError — failing the test if it throws anything else, or nothing. */
export function thrownInputError<E extends InputError>(f: () => unknown, kind: abstract new (...args: never[]) => E): E {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    expect(error).toBeInstanceOf(InputError);
    return error as E;
  }
  throw new Error(`expected a ${kind.name}`);
}
