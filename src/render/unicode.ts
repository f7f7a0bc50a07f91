/**
 * The platform-independent half of neutralising article text: what no chat or terminal should
 * ever receive from a story, whatever its markup language. Each platform's escaper in escape.ts
 * starts with `cleanText` and then escapes its own syntax.
 *
 * Kept on purpose, because real text needs them: newline and tab, ZWJ U+200D and ZWNJ U+200C
 * (emoji sequences such as 🤷‍♀️ and 👨‍👩‍👧, Persian and Indic spelling), variation selectors
 * (U+FE00–FE0F, U+E0100–E01EF: 🤷‍♀️ ends in U+FE0F), and tag characters inside an emoji tag
 * sequence (the flag 🏴󠁧󠁢󠁳󠁣󠁴󠁿 is U+1F3F4, tags, U+E007F).
 */

/**
 * Terminal control sequences, removed whole so neither the command nor its parameters reach the
 * reader: CSI (ESC [ or U+009B, parameters, one final byte) and the string commands OSC, DCS, SOS,
 * PM and APC (ESC ] P X ^ _ or their C1 forms) up to their terminator (BEL or ST). A string
 * command without a terminator is not removed, or an article could swallow everything after it;
 * its ESC is dropped below with the other controls, which leaves the rest inert and visible.
 */
const TERMINAL_SEQUENCE =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)/g;

/** C0 and C1 controls and DEL, except newline and tab. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Invisible characters that change what a reader sees or how text is ordered: the bidirectional
 * embeddings, overrides and isolates (U+202A–202E, U+2066–2069) that can show "txet" for "text",
 * the direction marks (U+200E, U+200F, U+061C), the invisible operators and word joiner
 * (U+2060–2064), the deprecated format controls (U+206A–206F), the byte-order mark U+FEFF, the
 * Mongolian vowel separator U+180E and the interlinear annotation controls (U+FFF9–FFFB), which
 * hide the annotated text in some renderers.
 */
const INVISIBLE_FORMAT =
  /[\u061c\u180e\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/** A tag sequence that forms an emoji flag is kept; any other tag character is dropped. */
const TAGS = /(\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F})|[\u{E0000}-\u{E007F}]/gu;

/** A surrogate without its partner: JSON payloads with one are refused by chat APIs. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as a reader should see it, with nothing hidden that acts on the display: line and
 * paragraph separators become newlines (\r\n and a lone \r too, which could overwrite a terminal
 * line), terminal sequences and controls go, invisible direction and format characters go,
 * stray tag characters go, and a lone surrogate becomes U+FFFD.
 */
export function cleanText(text: string): string {
  return text
    .replace(LONE_SURROGATE, "\ufffd")
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(TERMINAL_SEQUENCE, "")
    .replace(CONTROL, "")
    .replace(INVISIBLE_FORMAT, "")
    .replace(TAGS, (_, flag: string | undefined) => flag ?? "");
}

/** True when text still holds a character `cleanText` removes (for tests and assertions). */
export function containsHiddenFormatting(text: string): boolean {
  const withoutFlags = text.replace(/\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu, "");
  // `search` ignores the global flag and lastIndex, so the shared patterns stay stateless here.
  return [INVISIBLE_FORMAT, CONTROL, LONE_SURROGATE, /[\r\u2028\u2029]|[\u{E0000}-\u{E007F}]/u].some(
    (re) => withoutFlags.search(re) >= 0,
  );
}

/** A title or heading on one line: its line breaks (any kind) become spaces, as a heading cannot span lines. */
export function oneLine(text: string): string {
  return text.replace(/[ \t]*(?:\r\n?|[\n\u2028\u2029\u0085])+[ \t]*/g, " ").trim();
}
