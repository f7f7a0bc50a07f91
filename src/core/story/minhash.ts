/**
 * Near-duplicate detection: word shingles and MinHash. Two copies of one article (syndicated,
 * re-published with a different headline, trimmed footer, typo fixes) share most of their
 * 5-word shingles; the MinHash signature estimates that share (Jaccard similarity) from 128
 * numbers, and its bands give keys a store can index to find candidates without comparing
 * against every article. Pure and deterministic.
 */

export const SHINGLE_WORDS = 5;
export const SIGNATURE_SIZE = 128;
/** Bands × rows = SIGNATURE_SIZE; 16 bands of 8 rows find most pairs above ≈ 0.7 Jaccard. */
export const LSH_BANDS = 16;
/** Jaccard similarity from which two texts are the same article. */
export const NEAR_DUPLICATE_THRESHOLD = 0.7;

/** Lower-cased words (letters and digits), curly quotes and punctuation ignored. */
export function words(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashed word shingles (a set); a text shorter than one shingle is one shingle. */
export function shingleHashes(text: string, size = SHINGLE_WORDS): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length === 0) return out;
  if (w.length < size) {
    out.add(fnv1a(w.join(" ")));
    return out;
  }
  for (let i = 0; i + size <= w.length; i++) out.add(fnv1a(w.slice(i, i + size).join(" ")));
  return out;
}

/** A 32-bit integer mix (murmur3 finaliser): one "permutation" per seed. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => fnv1a(`newsdesk-minhash-${i}`));

export function minhashSignature(shingles: Set<number>): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = mix(s, SEEDS[i]);
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Exact Jaccard similarity of two sets. */
export function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** LSH band keys ("band:hash"): two signatures sharing any key are near-duplicate candidates. */
export function lshKeys(sig: Uint32Array, bands = LSH_BANDS): string[] {
  const rows = sig.length / bands;
  const keys: string[] = [];
  for (let b = 0; b < bands; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < rows; r++) h = mix(sig[b * rows + r], h);
    keys.push(`${b}:${h.toString(16)}`);
  }
  return keys;
}

/** Signature as a hex string for storage (8 characters per number), and back. */
export function encodeSignature(sig: Uint32Array): string {
  let out = "";
  for (const v of sig) out += v.toString(16).padStart(8, "0");
  return out;
}

export function decodeSignature(encoded: string): Uint32Array {
  const sig = new Uint32Array(encoded.length / 8);
  for (let i = 0; i < sig.length; i++) sig[i] = Number.parseInt(encoded.slice(i * 8, i * 8 + 8), 16);
  return sig;
}

/**
 * Whether two texts are the same article: exact Jaccard of their shingles (cheap enough for one
 * pair; use signatures and lshKeys to find the pairs worth comparing).
 */
export function isNearDuplicate(a: string, b: string, threshold = NEAR_DUPLICATE_THRESHOLD): boolean {
  return jaccard(shingleHashes(a), shingleHashes(b)) >= threshold;
}
