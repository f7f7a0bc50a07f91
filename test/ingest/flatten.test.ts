import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { type FlatNode, flattenDeepTree, MAX_DEPTH, treeDepth } from "../../src/ingest/extract/flatten.js";
import { extractFromHtml } from "../../src/ingest/extract/html-article.js";
import {
  ARTICLE_PARAGRAPHS,
  articleAtTheBottom,
  nested,
  nestedDivs,
  page,
  shallowArticle,
} from "./helpers/deep-pages.js";

const root = (html: string) => parseHTML(html).document.documentElement as unknown as FlatNode;
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), "utf8");

describe("flattenDeepTree", () => {
  it("leaves a tree of normal depth exactly as it is", () => {
    const html = fixture("news-article.html");
    const { document } = parseHTML(html);
    const before = document.toString();
    const report = flattenDeepTree(document.documentElement as unknown as FlatNode);
    expect(report.collapsed + report.cut).toBe(0);
    expect(document.toString()).toBe(before);
  });

  it("leaves a page exactly at the depth limit alone, and flattens one level deeper", () => {
    // html > body > divs: the limit counts from <html>.
    expect(flattenDeepTree(root(page(nested("div", MAX_DEPTH - 2, "x")))).collapsed).toBe(0);
    expect(flattenDeepTree(root(page(nested("div", MAX_DEPTH - 1, "x")))).collapsed).toBeGreaterThan(0);
  });

  it.each([
    ["divs", "div"],
    ["spans", "span"],
    ["sections", "section"],
  ])("collapses 5,000 nested %s to a shallow tree", (_what, tag) => {
    const tree = root(page(nested(tag, 5000, "<p>text</p>")));
    const report = flattenDeepTree(tree);
    expect(report.depth).toBeGreaterThan(MAX_DEPTH);
    expect(report.collapsed).toBe(4999);
    expect(treeDepth(tree)).toBeLessThan(10);
  });

  it("cuts nesting with text at every level at the limit, keeping the text as paragraphs", () => {
    const tree = root(page(`${"<div>word ".repeat(3000)}${"</div>".repeat(3000)}`));
    const report = flattenDeepTree(tree);
    expect(report.cut).toBe(1);
    expect(treeDepth(tree)).toBeLessThanOrEqual(MAX_DEPTH + 1);
    expect((tree.textContent ?? "").match(/word/g)).toHaveLength(3000);
  });
});

describe("extractFromHtml on deep trees", () => {
  it("reads an article buried under 5,000 wrappers as it reads the same article at normal depth", () => {
    const expected = extractFromHtml(shallowArticle()).text;
    expect(expected.split("\n\n")).toEqual(ARTICLE_PARAGRAPHS);
    expect(extractFromHtml(articleAtTheBottom(5000)).text).toBe(expected);
    expect(extractFromHtml(articleAtTheBottom(5000, "section")).text).toBe(expected);
    expect(extractFromHtml(articleAtTheBottom(1000, "span")).text).toBe(expected);
  });

  it("finds nothing in 5,000 nested empty divs, without hanging", () => {
    expect(extractFromHtml(nestedDivs(5000)).text).toBe("");
  });
});
