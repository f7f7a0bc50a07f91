import { createWinkTagger } from "./wink-tagger.js";

/**
 * Part-of-speech tokens from wink-nlp (English lite model). Measured on the fixture: tokens + POS
 * take ~1.5 ms per 1,300 words, where compromise's people/places/organisations took ~75 ms; wink's
 * own named-entity pass covers only dates and numbers and costs 4× more, so it is not loaded.
 * Proper-noun spans from the POS tags are typed by our own rules (entities.ts).
 */
const tagger = createWinkTagger();

export interface Token {
  text: string;
  start: number;
  end: number;
  pos: string;
}

// Long texts are tagged in chunks cut at paragraph breaks: wink's document arrays grow with the
// input, so chunking keeps memory flat for huge pastes without changing the tags.
const CHUNK_CHARS = 20_000;

/** Tokens with character offsets into `text` (wink is lossless: spaces + tokens rebuild the text). */
export function tokenize(text: string): Token[] {
  if (text.length <= CHUNK_CHARS) return tokenizeChunk(text, 0);
  const tokens: Token[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + CHUNK_CHARS);
    if (to < text.length) {
      const brk = text.lastIndexOf("\n\n", to);
      to = brk > from ? brk : to;
    }
    for (const t of tokenizeChunk(text.slice(from, to), from)) tokens.push(t);
    from = to;
  }
  return tokens;
}

function tokenizeChunk(text: string, base: number): Token[] {
  const [values, pos, spaces] = tagger.tag(text, (doc, its) => [
    doc.tokens().out() as string[],
    doc.tokens().out(its.pos) as string[],
    doc.tokens().out(its.precedingSpaces) as string[],
  ]);
  const tokens: Token[] = [];
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    offset += spaces[i].length;
    // wink may report a token whose text differs from the source (rare normalisations); re-sync.
    const found = text.startsWith(values[i], offset) ? offset : text.indexOf(values[i], offset);
    const start = found >= 0 ? found : offset;
    const value = values[i];
    const owner = POSSESSIVE.exec(value)?.[1];
    // "Obama's": wink splits a name's possessive off unless an earlier "Obama's," in the same
    // document taught it the whole word; split it always, so the name is read alike throughout.
    if (owner && !CONTRACTIONS.has(owner)) {
      const cut = base + start + owner.length;
      tokens.push({ text: owner, start: base + start, end: cut, pos: pos[i] });
      tokens.push({
        text: value.slice(owner.length),
        start: cut,
        end: base + start + value.length,
        pos: "PART",
      });
    } else tokens.push({ text: value, start: base + start, end: base + start + value.length, pos: pos[i] });
    offset = start + value.length;
  }
  return tokens;
}

const POSSESSIVE = /^(\p{Lu}[\p{L}.-]*)['’]s$/u;
// Capitalised words whose "'s" is "is" or "us", not an owner's.
const CONTRACTIONS = new Set("It He She That There What Who Here Let Where When How Why".split(" "));
