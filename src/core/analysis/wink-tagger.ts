import winkNLP from "wink-nlp";
import { englishModel, loadCoreModel, type WinkFeature } from "./wink-model.js";

/**
 * One wink document at a time, each tagged exactly as a fresh wink instance would tag it.
 *
 * wink adds every word it has not seen to its model's word table, and its tokenizer looks a whole
 * string up there before splitting it. Left to itself, a tagger therefore tags by its history: once
 * some page had "Obama's," (a possessive before a comma is kept whole), every later "Obama's
 * speech" stays one token and its "he" no longer finds Obama. So the table the tokenizer looks in
 * (wink keeps its own reference to it) holds the model's words plus only the words of the current
 * document, and is cut back after each one; the words learnt earlier stay in a second table that
 * wink's "add a word" reads, so a known newcomer reuses its feature row instead of costing a new
 * one — and is made visible to the tokenizer from then on within the document, as in a fresh
 * instance. The word list still grows with each new word, so after RENEW_AFTER of them, or when a
 * packed feature nears what its bits hold, the tables are cut back to the model's own under a fresh
 * wink instance (about 3 ms, rarely).
 */

/** New words the tagger may learn before it is renewed. */
const RENEW_AFTER = 200_000;

type Nlp = ReturnType<typeof winkNLP>;

export interface WinkTagger {
  /** Runs `read` on the document of `text`; what `read` returns must not keep the document. */
  tag<T>(text: string, read: (doc: ReturnType<Nlp["readDoc"]>, its: Nlp["its"]) => T): T;
}

export function createWinkTagger(renewAfter = RENEW_AFTER): WinkTagger {
  const core = loadCoreModel() as unknown as { features: Record<string, WinkFeature> };
  const lexeme = core.features.lexeme as WinkFeature & {
    intrinsicSize: number;
    hash: Record<string, number>;
  };
  const packed = Object.values(core.features).filter((f) => f.maxIndex !== undefined);
  const model = Object.assign(Object.create(null), englishModel, { core: () => core }) as typeof englishModel;
  // What the tokenizer sees: the model's words and the current document's.
  const visible = lexeme.hash;
  // Every word learnt since the last renewal, with its row.
  let learnt: Record<string, number> = Object.create(null);
  // The current document's additions to `visible`, taken out again when it is done.
  const shown: string[] = [];
  const show = (word: string, index: number) => {
    visible[word] = index;
    shown.push(word);
  };
  // What wink's "add a word" reads and writes: `visible` first, then the words learnt before.
  const words = new Proxy(Object.create(null) as Record<string, number>, {
    get(_target, key) {
      if (typeof key !== "string") return undefined;
      const index = visible[key];
      if (index !== undefined) return index;
      const earlier = learnt[key];
      if (earlier !== undefined) show(key, earlier);
      return earlier;
    },
    set(_target, key, index: number) {
      if (typeof key !== "string") return false;
      learnt[key] = index;
      show(key, index);
      return true;
    },
  });

  let nlp: Nlp;
  const renew = () => {
    for (const f of Object.values(core.features)) {
      if (typeof f.intrinsicSize !== "number") continue;
      if (f.hash && f !== lexeme)
        for (let k = f.intrinsicSize; k < f.list.length; k++) delete f.hash[f.list[k] as string];
      f.list.length = f.intrinsicSize;
      f.index = f.intrinsicSize;
    }
    learnt = Object.create(null);
    // wink keeps the table it is made with for its lookups, and reads `hash` anew when it adds.
    lexeme.hash = visible;
    nlp = winkNLP(model, ["sbd", "pos"]);
    lexeme.hash = words;
  };
  renew();

  return {
    tag(text, read) {
      try {
        return read(nlp.readDoc(text), nlp.its);
      } finally {
        for (const word of shown) if (visible[word]! >= lexeme.intrinsicSize) delete visible[word];
        shown.length = 0;
        const full =
          lexeme.list.length - lexeme.intrinsicSize > renewAfter ||
          packed.some((f) => f.list.length > f.maxIndex! * 0.9);
        if (full) renew();
      }
    },
  };
}
