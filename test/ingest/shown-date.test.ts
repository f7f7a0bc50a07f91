import { describe, expect, it } from "vitest";
import { extractFromHtml } from "../../src/ingest/extract/html-article.js";

/** The date a page shows in an element whose class says so, when it declares none. */
const page = (head: string, tail = "") =>
  `<html><head><title>Harbour schedule</title></head><body><div class="post">${head}<h1>Harbour schedule</h1>${Array.from(
    { length: 8 },
    (_, i) =>
      `<p>The harbour committee met for the ${i + 1}th time on Tuesday and agreed that the new schedule would start in the spring, after talks with residents.</p>`,
  ).join("")}${tail}</div></body></html>`;

describe("shown publication date", () => {
  it.each([
    [
      "hAtom's abbr title",
      '<p class="author_and_date">by John on <abbr class="published" title="2012-07-21">July 21, 2012</abbr></p>',
      "2012-07-21",
    ],
    ["a time-line element", '<div class="timeLine">July 24, 2012 12:11 AM</div>', "2012-07-24"],
    ["a post-meta line", '<p class="post-meta">by randfish on January 31, 2011</p>', "2011-01-31"],
  ])("reads %s", (_name, head, day) => {
    expect(extractFromHtml(page(head))?.published?.slice(0, 10)).toBe(day);
  });

  it.each([
    ["an update stamp", '<div class="date">Updated March 3, 2013</div>'],
    ["a comment's date", "", '<div class="comment-meta">by james on January 31, 2011 at 9:59 am</div>'],
    ["a sidebar's archive date", "", '<ul><li class="archive-date">July 24, 2012</li></ul>'],
  ])("does not take %s", (_name, head, tail = "") => {
    expect(extractFromHtml(page(head, tail)).published).toBeUndefined();
  });
});
