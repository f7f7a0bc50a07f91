/**
 * Turns an element tree into plain text with "\n\n" between blocks. Readability's own
 * `textContent` glues adjacent blocks together ("end.Next"), which merges words across
 * paragraphs; walking the tree and breaking at block elements keeps them apart.
 */

export const BLOCK_TAGS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "DD",
  "DETAILS",
  "DIV",
  "DL",
  "DT",
  "FIELDSET",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "FORM",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "MAIN",
  "NAV",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "TABLE",
  "TBODY",
  "THEAD",
  "TFOOT",
  "TR",
  "UL",
  "CAPTION",
  "SUMMARY",
]);

export const SKIP_TAGS = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "SVG",
  "BUTTON",
  "SELECT",
  "OPTION",
]);

/** Minimal DOM node shape (linkedom and the browser DOM both satisfy it). */
export interface TextNodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<TextNodeLike>;
}

export function blockText(root: TextNodeLike): string {
  const blocks: string[] = [];
  let current = "";
  const flush = () => {
    // "<br><br>" inside one block separates paragraphs; a single <br> is just a line break.
    for (const part of current.split(/\n[ \t\r\f\u00a0]*\n/)) {
      const t = part.replace(/[ \t\r\n\f\u00a0]+/g, " ").trim();
      if (t) blocks.push(t);
    }
    current = "";
  };
  const walk = (node: TextNodeLike) => {
    if (node.nodeType === 3) {
      // Source newlines are just whitespace; only <br> makes a line break.
      current += (node.textContent ?? "").replace(/\n/g, " ");
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === "BR") {
      current += "\n";
      return;
    }
    // Table cells sit side by side: a space keeps their words apart without a paragraph break.
    if (tag === "TD" || tag === "TH") current += " ";
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) flush();
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) walk(children[i]);
    if (isBlock) flush();
  };
  walk(root);
  flush();
  return blocks.join("\n\n");
}
