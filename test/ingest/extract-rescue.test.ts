import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { TextNodeLike } from "../../src/ingest/extract/blocks.js";
import { densestRun, densityBlocks } from "../../src/ingest/extract/density.js";
import { extractFromHtml } from "../../src/ingest/extract/html-article.js";
import { closeRunawayTitle, wrapInBody } from "../../src/ingest/extract/repair.js";

const prose = (topic: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `The ${topic} committee met for the ${i + 1}th time on Tuesday and agreed that the new schedule would start in the spring, after months of talks with residents and local traders.`,
  );

const nav = `<ul>${["Home", "World", "Sport", "Business", "Weather"].map((s) => `<li><a href="/${s}">${s}</a></li>`).join("")}</ul>`;

describe("repairs of damaged markup", () => {
  it("ends an unclosed <title> at the first tag, so the page is not read as title text", () => {
    const html = `<html><head><title>Harbour news<script>var x = 1;</script></head><body><p>${prose("harbour", 1)[0]}</p></body></html>`;
    expect(closeRunawayTitle(html)).toContain("<title>Harbour news</title><script>");
    const page = extractFromHtml(html);
    expect(page.title).toBe("Harbour news");
    expect(page.text).toContain("The harbour committee met");
  });

  it("leaves a closed title alone", () => {
    const html = "<html><head><title>A</title></head><body><p>x</p></body></html>";
    expect(closeRunawayTitle(html)).toBe(html);
  });

  it("puts the content of a page without <body> into one", () => {
    const wrapped = wrapInBody(
      "<!DOCTYPE html><html><TITLE>Rose parade</TITLE><font><h3>Rose parade</h3><p>Text.</p></font>",
    );
    const { document } = parseHTML(wrapped);
    expect(document.querySelector("head title")?.textContent).toBe("Rose parade");
    expect(document.body.textContent).toContain("Text.");
  });

  it("extracts an article from a page that never opens <body>", () => {
    const html = `<html><head><title>Rose parade</title></head><font><h3>Rose parade</h3>${prose("parade", 4)
      .map((p) => `<p>${p}</p>`)
      .join("")}</font></html>`;
    const page = extractFromHtml(html);
    expect(page.text).toContain("The parade committee met for the 4th time");
  });
});

describe("densest run of text blocks", () => {
  it("takes the paragraphs and leaves menus and link lists out", () => {
    const related = `<ul>${prose("unrelated", 3)
      .map((p, i) => `<li><a href="/r${i}">${p}</a></li>`)
      .join("")}</ul>`;
    const html = `<html><body>${nav}<h1>Bridge reopens</h1>${prose("bridge", 3)
      .map((p) => `<p>${p}</p>`)
      .join("")}${related}<p><a href="/about">About us</a> · <a href="/jobs">Jobs</a></p></body></html>`;
    const { document } = parseHTML(html);
    const run = densestRun(densityBlocks(document.body as unknown as TextNodeLike));
    expect(run.split("\n\n")).toHaveLength(3);
    expect(run).toContain("The bridge committee met for the 1th time");
    expect(run).not.toContain("unrelated");
    expect(run).not.toContain("Sport");
  });

  it("counts link text inside a block", () => {
    const { document } = parseHTML(
      '<html><body><p>Read <a href="/x">the full report here</a> now.</p></body></html>',
    );
    const [block] = densityBlocks(document.body as unknown as TextNodeLike);
    expect(block.linkChars).toBe("the full report here".length);
    expect(block.chars).toBe("Read the full report here now.".length);
  });

  it("separates paragraphs made of <br><br> in table layouts", () => {
    const { document } = parseHTML(
      "<html><body><table><tr><td>One line.<br><br>Two line.</td></tr></table></body></html>",
    );
    expect(densityBlocks(document.body as unknown as TextNodeLike).map((b) => b.text)).toEqual([
      "One line.",
      "Two line.",
    ]);
  });

  it("finds nothing when no block carries text", () => {
    const { document } = parseHTML(`<html><body>${nav}</body></html>`);
    expect(densestRun(densityBlocks(document.body as unknown as TextNodeLike))).toBe("");
  });
});

describe("extractFromHtml rescues", () => {
  it("uses the densest run when Readability finds no article", () => {
    // Every paragraph sits in its own table cell among link cells: no container scores for Readability.
    const cells = prose("library", 3)
      .map((p) => `<tr><td><a href="/a">Home</a></td><td>${p}</td></tr>`)
      .join("");
    const page = extractFromHtml(`<html><body><table>${cells}</table></body></html>`);
    expect(page.text).toContain("The library committee met for the 3th time");
    expect(["readability", "density"]).toContain(page.method);
  });

  it("keeps a short article Readability found whole instead of a longer run elsewhere", () => {
    const html = `<html><body><article><h1>Short</h1><p>The council approved the budget on Monday, after a short debate among members.</p></article><div class="x">${prose(
      "other",
      6,
    )
      .map((p) => `<div><a href="/o">${p}</a></div>`)
      .join("")}</div></body></html>`;
    const page = extractFromHtml(html);
    expect(page.text).toContain("The council approved the budget");
    expect(page.text).not.toContain("other committee");
  });

  it("drops readers' comments kept in the article's container", () => {
    const comments = `<div id="comments"><h3>12 comments</h3>${prose("commenters'", 4)
      .map((p) => `<div class="comment-body"><p>${p}</p></div>`)
      .join("")}</div>`;
    const html = `<html><body><div class="post"><h1>Bridge</h1>${prose("bridge", 5)
      .map((p) => `<p>${p}</p>`)
      .join("")}${comments}</div></body></html>`;
    const page = extractFromHtml(html);
    expect(page.text).toContain("The bridge committee met for the 5th time");
    expect(page.text).not.toContain("commenters'");
  });

  it("keeps a page whose wrapper is named after comments", () => {
    const html = `<html><body><div class="has-comments"><h1>Bridge</h1>${prose("bridge", 5)
      .map((p) => `<p>${p}</p>`)
      .join("")}</div></body></html>`;
    expect(extractFromHtml(html).text).toContain("The bridge committee met for the 1th time");
  });

  it("keeps a prose paragraph that opens like a tag list", () => {
    const long = `Filed under: Latest News ${prose("car", 2).join(" ")}`;
    const html = `<html><body><article><h1>Cars</h1><p>${long}</p>${prose("car", 2)
      .map((p) => `<p>${p}</p>`)
      .join("")}</article></body></html>`;
    expect(extractFromHtml(html).text).toContain("Filed under: Latest News The car committee");
  });
});
