import { createRequire } from "node:module";
import stockModel from "wink-eng-lite-web-model";

/**
 * wink's English lite model with a faster `core()` (ADR 54). The stock `core()` deep-copies its
 * 3 MB JSON (`JSON.parse(JSON.stringify(…))`) and decodes two base64 arrays a byte at a time: ~70
 * of the ~110 ms of CPU a `newsdesk summary` spent readying wink, on every call. This one builds the
 * same model (test/core/analysis/wink-model.test.ts compares it, deeply, with the stock one) from
 * the JSON the stock package has already parsed, copying only what wink mutates while it tags — the
 * feature lists and lookup tables grow with every word it has not seen — so two instances never
 * share state; base64 is decoded natively.
 *
 * It reads internals of wink-eng-lite-web-model 1.8.1 (pinned in package.json); an upgrade that
 * changes them fails that test instead of tagging differently.
 */

// The stock model has already loaded this file (its read-core-model.js), so it comes from the
// module cache: loading a package's data, not I/O.
const require = createRequire(import.meta.url);
const CORE_JSON = "wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json";

/** The fields of the packed model JSON this code touches (the rest is passed through unchanged). */
interface CoreModelJson {
  packing: { layout: Record<string, number[]>; [key: string]: unknown };
  features: Record<string, { list: string[]; [key: string]: unknown }>;
  pos: { hash: Record<string, number> };
  lexicon: string;
  xpansions: string;
  [key: string]: unknown;
}

interface Feature {
  list: unknown[];
  hash?: Record<string, number>;
  intrinsicSize?: number;
  index?: number;
  maxIndex?: number;
  [key: string]: unknown;
}

function uint32FromBase64(data: string): Uint32Array {
  const bytes = Buffer.from(data, "base64");
  // A fresh, aligned buffer of its own (Buffer.from may hand out a slice of a shared pool).
  const words = new Uint32Array(bytes.length / 4);
  new Uint8Array(words.buffer).set(bytes);
  return words;
}

function indexOf(list: unknown[]): Record<string, number> {
  const hash: Record<string, number> = Object.create(null);
  for (let k = 0; k < list.length; k += 1) hash[list[k] as string] = k;
  return hash;
}

/** What the stock `load-core-model.js` + `read-core-model.js` return, without the deep copy. */
export function loadCoreModel(): Record<string, unknown> {
  const json = require(CORE_JSON) as CoreModelJson;
  const layout = json.packing.layout;
  const features: Record<string, Feature> = {};
  for (const [name, feature] of Object.entries(json.features)) {
    features[name] = { ...feature, list: feature.list.slice() };
  }
  for (const name in layout) if (layout[name]![3] === 0) features[name]!.hash = indexOf(features[name]!.list);
  const lexeme = features.lexeme!;
  lexeme.hash = indexOf(lexeme.list);
  const posHash = json.pos.hash;
  const clusters = features.posClusters!;
  clusters.list = (clusters.list as string[]).map(
    (cluster) => new Set(cluster.split("_").map((tag) => posHash[tag] || 0)),
  );
  const efList: string[] = [];
  for (const name in layout) {
    const [, mask, shift, kind, extracted] = layout[name]!;
    if (kind === 0) {
      const feature = features[name]!;
      feature.intrinsicSize = feature.list.length;
      feature.index = feature.list.length;
      feature.maxIndex = mask! >>> shift!;
    }
    if (extracted === 1) efList.push(name);
  }
  lexeme.intrinsicSize = lexeme.list.length;
  lexeme.index = lexeme.list.length;
  return {
    ...json,
    packing: { ...json.packing, efList },
    features,
    lexicon: uint32FromBase64(json.lexicon),
    xpansions: uint32FromBase64(json.xpansions),
  };
}

/** The model to hand to `winkNLP(…)`: the stock one, with the faster core loader. */
export const englishModel: typeof stockModel = Object.assign(Object.create(null), stockModel, {
  core: loadCoreModel,
});
