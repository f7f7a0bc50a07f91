import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalizeUrl } from "../../src/ingest/dedupe/canonical-url.js";
import { classifyAddress } from "../../src/ingest/fetch/address.js";

describe("properties", () => {
  it("canonicalizeUrl is idempotent", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = canonicalizeUrl(url);
        if (once !== undefined) expect(canonicalizeUrl(once)).toBe(once);
      }),
    );
  });

  it("every 10.x, 127.x and 192.168.x address is refused in every spelling", () => {
    fc.assert(
      fc.property(
        fc.constantFrom([10], [127], [192, 168]),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 3, maxLength: 3 }),
        (prefix, rest) => {
          const octets = [...prefix, ...rest].slice(0, 4);
          const n = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
          for (const spelling of [
            octets.join("."),
            String(n),
            `0x${n.toString(16)}`,
            `::ffff:${octets.join(".")}`,
          ]) {
            expect(classifyAddress(spelling)).not.toBe("public");
          }
        },
      ),
    );
  });
});
