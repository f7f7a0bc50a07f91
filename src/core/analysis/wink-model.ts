import { createRequire } from "node:module";
import type stockModel from "wink-eng-lite-web-model";

/**
 * wink's English lite model, assembled from the package's own parts but readied faster (ADR 54):
 * - `core()`: the stock one deep-copies its 3 MB JSON (`JSON.parse(JSON.stringify(…))`) and
 *   decodes two base64 arrays a byte at a time — ~70 ms of CPU on every `newsdesk summary`. This
 *   one builds the same model from the JSON as loaded, copying only what wink mutates while it
 *   tags (the feature lists and lookup tables grow with every word it has not seen), so two
 *   instances never share state; base64 is decoded natively.
 * - the addons (lemmatiser with its WordNet exception lists, stemmer, readability) load on first
 *   use: we never ask for lemmas, and the lemmatiser alone is ~12 ms to load.
 * test/core/analysis/wink-model.test.ts checks the model is deeply the stock one and tags alike.
 * It reads internals of wink-eng-lite-web-model 1.8.1 (pinned in package.json); an upgrade that
 * changes them fails that test instead of tagging differently.
 */

// Loading a package's code and data through Node's module loader, not I/O.
const require = createRequire(import.meta.url);
const DIST = "wink-eng-lite-web-model/dist/";
const CORE_JSON = `${DIST}languages/cur/models/eng-core-web-model.json`;

/** The fields of the packed model JSON this code touches (the rest is passed through unchanged). */
interface CoreModelJson {
  packing: { layout: Record<string, number[]>; [key: string]: unknown };
  features: Record<string, { list: string[]; [key: string]: unknown }>;
  pos: { hash: Record<string, number> };
  lexicon: string;
  xpansions: string;
  [key: string]: unknown;
}

/** One feature table of wink's packed model (wink grows `list`, `hash` and `index` as it tags). */
export interface WinkFeature {
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

/** What the stock `load-core-model.js` (over `read-core-model.js`) returns, without the deep copy. */
export function loadCoreModel(): Record<string, unknown> {
  const json = require(CORE_JSON) as CoreModelJson;
  const layout = json.packing.layout;
  const features: Record<string, WinkFeature> = {};
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

const lazy = (file: string) => {
  let loaded: unknown;
  return () => {
    loaded ??= require(DIST + file);
    return loaded;
  };
};
const stem = lazy("porter-stemmer.js");
const lemmatize = lazy("lemmatize.js");
const readabilityStats = lazy("readability-stats.js");

let cerMeta: { machines: string; transformers: unknown } | undefined;
function cerMetaModel() {
  cerMeta ??= {
    machines: JSON.stringify(require(`${DIST}languages/cur/models/eng-cer-meta-model.json`)),
    transformers: require(`${DIST}cer-transformers.js`),
  };
  return cerMeta;
}

/** The model to hand to `winkNLP(…)`: what the package's model.js exports, with the faster parts. */
export const englishModel: typeof stockModel = Object.assign(Object.create(null), {
  core: loadCoreModel,
  sbd: require(`${DIST}load-sbd-model.js`),
  pos: require(`${DIST}load-pos-model.js`),
  // wink readies these whatever the pipe (we run only sbd and pos); they are small.
  ner: require(`${DIST}load-ner-model.js`),
  negation: require(`${DIST}load-negation-model.js`),
  sa: require(`${DIST}load-sa-model.js`),
  // The stock loader re-stringifies its own result on every call (`machines = JSON.stringify(machines)`),
  // so each further wink instance got a string of a string, growing until a RangeError; read once.
  metaCER: cerMetaModel,
  featureFn: require(`${DIST}feature.js`),
  // wink reads an addon only when an output asks for it (its.stem, its.lemma, …).
  addons: Object.defineProperties(Object.create(null), {
    stem: { enumerable: true, get: stem },
    lemmatize: { enumerable: true, get: lemmatize },
    readabilityStats: { enumerable: true, get: readabilityStats },
    wordVectors: { enumerable: true, value: undefined },
  }),
});
