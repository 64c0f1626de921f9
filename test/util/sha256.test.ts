import { describe, it, expect } from "vitest";
import { createHash } from "node:crypto";
import { canonicalJson, sha256 } from "../../src/util/sha256.js";

const nodeSha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("sha256", () => {
  it('matches its @example: sha256("abc")', () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("matches the FIPS 180-2 / NIST test vectors", () => {
    expect(sha256("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(sha256("a".repeat(1_000_000))).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("hashes the UTF-8 bytes of multi-byte text (checked against node:crypto)", () => {
    const samples = [
      "Росія–Україна: 603 628 km²",
      "é",
      "😀 emoji and 汉字 and ß",
      "\u0000\u007f\u0080\u07ff\u0800\uffff",
      "𝔘𝔫𝔦𝔠𝔬𝔡𝔢".repeat(50),
    ];
    for (const s of samples) expect(sha256(s)).toBe(nodeSha256(s));
    // and the UTF-8 encoding matters: "é" is not the Latin-1 byte 0xE9
    expect(sha256("é")).not.toBe(
      createHash("sha256")
        .update(Buffer.from([0xe9]))
        .digest("hex"),
    );
  });

  it("agrees with node:crypto at every length around the padding boundaries (0…300 bytes)", () => {
    for (let len = 0; len <= 300; len += 1) {
      const ascii = Array.from({ length: len }, (_, i) => String.fromCharCode(32 + ((i * 31 + len) % 95))).join("");
      expect(sha256(ascii)).toBe(nodeSha256(ascii));
    }
    // multi-byte characters straddling the 55/56/64-byte boundaries
    for (let len = 0; len <= 70; len += 1) {
      const mixed = "ж".repeat(len) + "a".repeat(len % 3) + "€".repeat(len % 5);
      expect(sha256(mixed)).toBe(nodeSha256(mixed));
    }
  });

  it("is 64 lowercase hex digits and changes with a one-character change", () => {
    const a = sha256('{"seed":1}');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256('{"seed":2}')).not.toBe(a);
  });
});

describe("canonicalJson", () => {
  it("sorts object keys", () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
  });

  it("sorts keys at every depth, including objects inside arrays", () => {
    const value = { z: { y: 1, x: { w: 2, v: [{ u: 3, t: 4 }] } }, a: null };
    expect(canonicalJson(value)).toBe('{"a":null,"z":{"x":{"v":[{"t":4,"u":3}],"w":2},"y":1}}');
  });

  it("leaves arrays in their order", () => {
    expect(canonicalJson([3, 1, 2])).toBe("[3,1,2]");
    expect(canonicalJson({ list: ["b", "a", { d: 1, c: 2 }] })).toBe('{"list":["b","a",{"c":2,"d":1}]}');
  });

  it("gives equal text (and hash) for equal values built in different key orders", () => {
    const a = { runs: 100, options: { seed: 1, step: "day", thresholds: [0.2, 0.25] }, "10": 1, "2": 2 };
    const b = { "2": 2, options: { thresholds: [0.2, 0.25], step: "day", seed: 1 }, "10": 1, runs: 100 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(sha256(canonicalJson(a))).toBe(sha256(canonicalJson(b)));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });

  it("round-trips to an equal value and serialises primitives as JSON does", () => {
    const value = { b: [1, "x", true, null, { d: 1.5, c: -0.25 }], a: { e: "é" } };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
    expect(canonicalJson(42)).toBe("42");
    expect(canonicalJson("s")).toBe('"s"');
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson({ keep: 1, drop: undefined })).toBe('{"keep":1}');
  });
});
