/**
 * Hostile pages for the extraction tests and bench (issue 17): markup nested thousands deep. Real
 * pages nest 16 levels at the median and 51 at most (the 181 benchmark pages).
 */

export const ARTICLE_PARAGRAPHS = [
  "The city council voted on Tuesday to approve a new budget that raises spending on schools, roads and parks across the city for the coming year.",
  "The mayor said the plan would repair forty bridges and hire two hundred teachers, paid for by a small rise in property taxes and by savings elsewhere.",
  "Opponents on the council argued that the tax rise would fall hardest on renters, and said they would try to amend the plan at the next session in March.",
  "A final vote on the amendments is expected within a month, after public hearings in each of the city's five districts have been held and recorded.",
];

const article = ARTICLE_PARAGRAPHS.map((p) => `<p>${p}</p>`).join("\n");

/** `depth` nested copies of `<tag>` around `inner`. */
export function nested(tag: string, depth: number, inner = ""): string {
  return `${`<${tag}>`.repeat(depth)}${inner}${`</${tag}>`.repeat(depth)}`;
}

export function page(body: string, title = "Council approves budget"): string {
  return `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}

/** The finding's page: nothing but nested `<div>`s (1,000 of them are 11 KB). */
export const nestedDivs = (depth: number) => nested("div", depth);

/** A real article buried under `depth` wrappers. */
export const articleAtTheBottom = (depth: number, tag = "div") =>
  page(
    nested(tag, depth, `<article class="story-body"><h1>Council approves budget</h1>${article}</article>`),
  );

/** The same article, at a normal depth: what the buried one should read as. */
export const shallowArticle = () =>
  page(
    `<div><div><article class="story-body"><h1>Council approves budget</h1>${article}</article></div></div>`,
  );

/**
 * Slow to read even after flattening: many thousands of tiny blocks, each with text of its own at
 * every level, so there is no wrapper chain to collapse and Readability retries without a winner.
 */
export const slowEvenFlattened = (depth = 20_000) =>
  page(`${"<div>word ".repeat(depth)}${"</div>".repeat(depth)}${"<p>tiny</p>".repeat(20_000)}`);
