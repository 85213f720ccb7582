import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BASE62,
  BODY_LENGTH,
  KEY_PREFIXES,
  checksumOf,
  displayPrefix,
  formatKey,
  generateKey,
  hashKey,
  parseKey,
  type KeyKind,
} from "./key-material";

const kinds = Object.keys(KEY_PREFIXES) as KeyKind[];
const base62Char = fc.constantFrom(...BASE62.split(""));
const body = fc.string({ unit: base62Char, minLength: BODY_LENGTH, maxLength: BODY_LENGTH });
const kind = fc.constantFrom(...kinds);

describe("key material", () => {
  it("generates keys in the documented format with ≥160 bits and a stored hash only", () => {
    const seen = new Set<string>();
    for (const k of kinds) {
      for (let i = 0; i < 200; i++) {
        const key = generateKey(k);
        expect(key.value.startsWith(KEY_PREFIXES[k])).toBe(true);
        expect(key.value).toHaveLength(KEY_PREFIXES[k].length + BODY_LENGTH + 6);
        expect(parseKey(k, key.value)).not.toBeNull();
        expect(key.hash).toBe(hashKey(key.value));
        expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(key.hash).not.toContain(key.value.slice(KEY_PREFIXES[k].length));
        expect(key.displayPrefix).toBe(key.value.slice(0, KEY_PREFIXES[k].length + 6));
        seen.add(key.value);
      }
    }
    expect(seen.size).toBe(kinds.length * 200);
    // log2(62) * 32 ≈ 190.5 bits.
    expect(Math.log2(62) * BODY_LENGTH).toBeGreaterThanOrEqual(160);
  });

  it("round-trips any body of any kind", () => {
    fc.assert(
      fc.property(kind, body, (k, b) => {
        const parsed = parseKey(k, formatKey(k, b));
        return parsed !== null && parsed.body === b && parsed.checksum === checksumOf(b);
      }),
    );
  });

  it("rejects any single-character substitution", () => {
    fc.assert(
      fc.property(
        kind,
        body,
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1 }),
        (k, b, pos, ch) => {
          const key = formatKey(k, b);
          const i = pos % key.length;
          fc.pre(key[i] !== ch);
          const typo = key.slice(0, i) + ch + key.slice(i + 1);
          return parseKey(k, typo) === null;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("rejects adjacent transpositions, truncation, extra characters and the wrong kind", () => {
    fc.assert(
      fc.property(kind, body, fc.nat(), (k, b, pos) => {
        const key = formatKey(k, b);
        const start = KEY_PREFIXES[k].length;
        const i = start + (pos % (key.length - start - 1));
        fc.pre(key[i] !== key[i + 1]);
        const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
        return (
          parseKey(k, swapped) === null &&
          parseKey(k, key.slice(0, -1)) === null &&
          parseKey(k, key + "0") === null &&
          kinds.filter((o) => o !== k).every((o) => parseKey(o, key) === null)
        );
      }),
    );
  });

  it("rejects junk without throwing", () => {
    for (const junk of [
      undefined,
      null,
      42,
      "",
      "sck_",
      " sck_x",
      "Bearer sck_abc",
      "x".repeat(5000),
    ])
      expect(parseKey("ci", junk)).toBeNull();
    fc.assert(
      fc.property(
        kind,
        fc.string(),
        (k, s) => parseKey(k, s) === null || s.startsWith(KEY_PREFIXES[k]),
      ),
    );
  });

  it("shows sck_ plus the first six characters as the display prefix", () => {
    expect(displayPrefix("ci", "AbC123xyz")).toBe("sck_AbC123");
  });
});
