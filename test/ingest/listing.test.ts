import { describe, expect, it } from "vitest";
import { articleFromHtml } from "../../src/ingest/load.js";
import { frontPage, searchPage } from "./helpers/listing-pages.js";

/** Pages that list articles say so instead of filing twenty teasers as one story. */
describe("pages that list articles", () => {
  it.each([
    ["a front page", frontPage(), "https://gazette.example/"],
    ["a section front", frontPage(), "https://gazette.example/category/transport/"],
    ["search results by their address", searchPage("Tram news"), "https://gazette.example/find?q=tram"],
    [
      "search results by their title",
      searchPage('Search results for "tram"'),
      "https://gazette.example/find",
    ],
  ])("refuses %s, naming what it is", (_name, html, url) => {
    expect(() => articleFromHtml(html, url, "url")).toThrow(
      /lists articles \(a front page, section or search results\) rather than being one: give the link of one of its articles/,
    );
  });

  it("reads the same list at an article's address as an article (a link round-up is one)", () => {
    const article = articleFromHtml(frontPage(), "https://gazette.example/2024/03/05/week-in-review", "url");
    expect(article.text).toContain("Council votes on the new tram line number 19");
  });

  it("reads an article with a few related links at a front page's address", () => {
    const html = `<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>${Array.from(
      { length: 6 },
      (_, i) =>
        `<p>The harbour bridge reopened on Tuesday after ${i + 1} months of repairs, and the first buses crossed it at dawn, said the city's transport chief.</p>`,
    ).join(
      "",
    )}<ul>${[1, 2, 3].map((i) => `<li><a href="/s${i}">Related story number ${i} about the bridge</a></li>`).join("")}</ul></article></body></html>`;
    expect(articleFromHtml(html, "https://gazette.example/", "url").text).toContain("first buses crossed it");
  });
});
