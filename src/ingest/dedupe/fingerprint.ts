import {
  decodeSignature,
  encodeSignature,
  estimateJaccard,
  jaccard,
  lshKeys,
  minhashSignature,
  NEAR_DUPLICATE_THRESHOLD,
  shingleHashes,
} from "../../core/story/minhash.js";
import type { Article } from "../../core/types.js";
import { canonicalizeUrl } from "./canonical-url.js";

/**
 * What the store keeps per article to recognise the same article arriving again: its canonical
 * URL, content hash, MinHash signature and the LSH band keys to index (a new article is compared
 * only with stored ones sharing a key).
 */
export interface ArticleFingerprint {
  canonicalUrl?: string;
  contentHash: string;
  /** MinHash signature, hex (see src/core/story/minhash.ts). */
  signature: string;
  lshKeys: string[];
}

export function fingerprintArticle(article: Article): ArticleFingerprint {
  const sig = minhashSignature(shingleHashes(article.text));
  const canonical = article.canonicalUrl ?? (article.url ? canonicalizeUrl(article.url) : undefined);
  return {
    ...(canonical ? { canonicalUrl: canonical } : {}),
    contentHash: article.contentHash,
    signature: encodeSignature(sig),
    lshKeys: lshKeys(sig),
  };
}

export type SameArticleReason = "canonical URL" | "content hash" | "near-duplicate text";

/** Whether two fingerprints are the same article, and why (undefined when they are not). */
export function sameArticle(a: ArticleFingerprint, b: ArticleFingerprint): SameArticleReason | undefined {
  if (a.canonicalUrl && a.canonicalUrl === b.canonicalUrl) return "canonical URL";
  if (a.contentHash === b.contentHash) return "content hash";
  if (
    estimateJaccard(decodeSignature(a.signature), decodeSignature(b.signature)) >= NEAR_DUPLICATE_THRESHOLD
  ) {
    return "near-duplicate text";
  }
  return undefined;
}

/** Exact check for one pair of texts (when both are at hand). */
export function textsAreSameArticle(a: string, b: string): boolean {
  return jaccard(shingleHashes(a), shingleHashes(b)) >= NEAR_DUPLICATE_THRESHOLD;
}
