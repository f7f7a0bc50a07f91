/**
 * What an input is — a web address, an HTML page, a feed, article text, or something that is no
 * article at all — decided once, here, for every path that takes an article: the CLI (file,
 * stdin, JSONL), chat `/add` (pasted text, console files, the Slack form) and feed item pages.
 * Pure and light (no extractor, no fetcher): chat commands ask it before anything heavy loads.
 * Every scan is a single pass or a non-backtracking regex over a bounded prefix.
 */

export type RefusalReason = "empty" | "no_letters" | "too_short" | "scheme";

export type InputClass =
  | { kind: "url"; url: string }
  | { kind: "html"; html: string }
  | { kind: "feed"; xml: string }
  | { kind: "text"; text: string }
  | { kind: "refused"; reason: RefusalReason; message: string };

/** Fewer words than this (or no sentence at all) is a headline or a fragment, not an article. */
export const MIN_ARTICLE_WORDS = 8;

/** What every path says when it refuses an input (the CLI and chat show the same sentence). */
export const REFUSALS = {
  empty: "The text is empty: there is no article to read.",
  no_letters: "The text has no words (only symbols, emoji or numbers): there is no article to read.",
  too_short: `The text is too short to be an article (at least ${MIN_ARTICLE_WORDS} words are needed).`,
} as const;

/** Said for a feed given where an article was expected. */
export const FEED_NOT_ARTICLE =
  "This is a news feed (RSS or Atom), not an article: follow it with /feeds add <feed URL>, or give one of its article links.";

/** Schemes people paste that are not web pages; named in the refusal so the user knows why. */
const OTHER_SCHEME = /^([a-z][a-z0-9+.-]{1,15}):/i;

/** The refusal for an address with a scheme other than http(s). */
export function schemeRefusal(scheme: string): InputClass {
  return {
    kind: "refused",
    reason: "scheme",
    message: `Only http and https addresses are read ("${scheme.toLowerCase()}:" is not one).`,
  };
}

/**
 * A single-token input that is an address: `url` for http(s), a `scheme` refusal for file:, ftp:,
 * javascript:, data: and the like; undefined when it is no address (a path, or text).
 */
export function classifyAddress(input: string): InputClass | undefined {
  const s = input.trim();
  if (s === "" || /\s/.test(s)) return undefined;
  if (/^https?:\/\/\S/i.test(s)) return { kind: "url", url: s };
  const scheme = OTHER_SCHEME.exec(s)?.[1];
  // "C:\\notes.txt" has a one-letter "scheme" and is excluded by the {1,15} above needing 2+ chars;
  // "note:" followed by nothing is a word, not an address, so the scheme must be followed by something.
  if (scheme && s.length > scheme.length + 1) return schemeRefusal(scheme);
  return undefined;
}

/** Decides what `input` is. Text that is no article comes back `refused`, with the message to show. */
export function classifyInput(input: string): InputClass {
  const address = classifyAddress(input);
  if (address) return address;
  const head = leadingMarkup(input);
  if (head !== undefined) {
    if (looksLikeFeed(head)) return { kind: "feed", xml: input };
    if (looksLikeHtml(input, head)) return { kind: "html", html: input };
  }
  const refusal = checkArticleText(input);
  return refusal ?? { kind: "text", text: input };
}

/**
 * The refusal for text that is no article (empty, no letters, too short), or undefined when it is
 * fine. `allowShort` keeps short snippets: the JSONL contract scores items of any length (a
 * one-sentence quote is a fair `who` probe), and only what has no words at all is refused there.
 */
export function checkArticleText(
  text: string,
  options: { allowShort?: boolean } = {},
): Extract<InputClass, { kind: "refused" }> | undefined {
  const reason = textProblem(text);
  if (!reason || (reason === "too_short" && options.allowShort)) return undefined;
  return { kind: "refused", reason, message: REFUSALS[reason] };
}

function textProblem(text: string): Exclude<RefusalReason, "scheme"> | undefined {
  // Counts over a bounded prefix: 64 KB of text decides as well as 2 MB.
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  if (sample.trim() === "") return "empty";
  let words = 0;
  let ideographs = 0;
  let letters = 0;
  let visible = 0;
  let wordLetters = 0; // letters in the current run of non-space characters: "—" or "🎉" is no word
  for (const ch of sample) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      wordLetters++;
      // CJK writes words without spaces: two ideographs or kana count as one word.
      if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(ch)) ideographs++;
    } else if (/\s/.test(ch)) {
      if (wordLetters > 0) words++;
      wordLetters = 0;
      continue;
    }
    visible++;
    if (words >= MIN_ARTICLE_WORDS * 4 && letters > 200) break;
  }
  if (wordLetters > 0) words++;
  // Random symbols with a letter here and there read as words but are none: an article is mostly letters.
  if (letters === 0 || letters < visible * 0.3) return "no_letters";
  if (words + Math.floor(ideographs / 2) < MIN_ARTICLE_WORDS) return "too_short";
  return undefined;
}

/** The first ~4 KB after a BOM, whitespace and comments, when it starts with markup; else undefined. */
function leadingMarkup(input: string): string | undefined {
  let i = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < input.length && /\s/.test(input[i]!)) i++;
    // Saved pages often start with "<!-- saved from url=… -->" before the doctype.
    if (!input.startsWith("<!--", i)) break;
    const end = input.indexOf("-->", i + 4);
    if (end < 0) return undefined;
    i = end + 3;
  }
  if (input[i] !== "<") return undefined;
  return input.slice(i, i + 4096).toLowerCase();
}

function looksLikeFeed(head: string): boolean {
  // XHTML is XML too: a page's root is <html>, a feed's <rss>, <feed> or <rdf:RDF>.
  const root = /<(rss|feed|rdf:rdf|html)[\s>]/.exec(head)?.[1];
  return root !== undefined && root !== "html" && (head.startsWith("<?xml") || head.startsWith(`<${root}`));
}

/**
 * HTML by its content, whatever the file is called: a doctype or <html> first, a <head> and a
 * <body>, or text that is mostly tags (a fragment saved from a page).
 */
function looksLikeHtml(input: string, head: string): boolean {
  if (head.startsWith("<!doctype html") || /^<html[\s>]/.test(head)) return true;
  if (head.startsWith("<?xml") && head.includes("<html")) return true;
  const sample = input.length > 262_144 ? input.slice(0, 262_144) : input;
  const lower = sample.toLowerCase();
  if (/<head[\s>]/.test(lower) && /<body[\s>]/.test(lower)) return true;
  return mostlyTags(sample);
}

/** At least 3 tags, and more characters inside <…> than outside: markup, not text quoting a tag. */
function mostlyTags(s: string): boolean {
  let tags = 0;
  let inside = 0;
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 60 /* < */) {
      const next = s.charCodeAt(i + 1);
      // "<" followed by a letter, "/" or "!" starts a tag; "a < b" does not.
      if ((next >= 97 && next <= 122) || (next >= 65 && next <= 90) || next === 47 || next === 33) open = i;
    } else if (c === 62 /* > */ && open >= 0) {
      tags++;
      inside += i - open + 1;
      open = -1;
    }
  }
  const visible = s.replace(/\s+/g, "").length;
  return tags >= 3 && inside * 2 > visible;
}
