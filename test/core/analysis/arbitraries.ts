import fc from "fast-check";

/**
 * Any text a user might paste: random bytes and Unicode, and the given article with random cuts,
 * quote marks and junk spliced in after its full stops. Shared by the property tests of the
 * analysis stages.
 */
export function anyArticleText(article: string): fc.Arbitrary<string> {
  const mangled = fc
    .tuple(fc.nat({ max: article.length }), fc.nat({ max: article.length }), fc.string({ unit: "grapheme" }))
    .map(([a, b, junk]) =>
      article
        .slice(Math.min(a, b), Math.max(a, b))
        .replace(/\./g, (m) => (junk.length % 3 === 0 ? m : `${m}${junk}`)),
    );
  return fc.oneof(
    fc.string({ unit: "binary", maxLength: 400 }),
    fc.string({ unit: "grapheme", maxLength: 400 }),
    mangled,
  );
}
