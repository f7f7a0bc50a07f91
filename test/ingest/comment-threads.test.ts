import { describe, expect, it } from "vitest";
import { extractFromHtml } from "../../src/ingest/extract/html-article.js";

/** Comment threads with no class or id saying so, recognised by their structure. */

const article = Array.from(
  { length: 5 },
  (_, i) =>
    `<p>The harbour committee met for the ${i + 1}th time on Tuesday and agreed that the new schedule would start in the spring, after months of talks with residents.</p>`,
).join("");

const posts = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<div id="c${i}"><p>I live next to the harbour and reader number ${i} thinks the committee should have asked the fishermen first, they know the tides.</p></div><p class="posted">Posted by: reader${i} at September 10, 2012 11:4${i} AM</p>`,
  ).join("");

const page = (thread: string) =>
  `<html><body><div id="main"><h1>Harbour schedule</h1>${article}${thread}</div></body></html>`;

describe("comment threads recognised by structure", () => {
  it.each([
    ["a 'Comments' heading over 'Posted by … at <date>' posts", `<h2>Comments</h2>${posts(6)}`],
    ["a counted heading ('12 Responses to …')", `<h3>12 Responses to “Harbour schedule”</h3>${posts(6)}`],
    ["a heading wrapped on its own", `<div><h3>3 comments</h3></div>${posts(3)}`],
    [
      "a 'Leave a Reply' form after the posts",
      `<h3>Leave a Reply</h3><form><label>Name (required)</label><p>Your reader number 1 comment: the committee should have asked the fishermen first, they know the tides best of anyone in town and always have, every single winter.</p></form>`,
    ],
    ["a closed thread", "<h2>Comments</h2><p>The comments to this entry are closed.</p>"],
    [
      "posts after the anchor a '12 comments' link jumps to, under a title that is no heading",
      `<a name="comments"></a><div>Comments</div>${posts(4)}`,
    ],
    [
      "names in bold over posts after a 'commentSection' anchor",
      `<hr><a name="commentSection"></a><b>Closed for this story</b><br>${Array.from(
        { length: 4 },
        (_, i) =>
          `<br><b>Reader ${i}</b><br>Agreed, reader number ${i} thinks the committee should have asked the fishermen first, they know the tides.<br><hr>`,
      ).join("")}`,
    ],
  ])("drops %s and keeps the article", (_name, thread) => {
    const { text } = extractFromHtml(page(thread));
    expect(text).toContain("The harbour committee met for the 5th time");
    expect(text).not.toMatch(/reader number|Posted by|comments to this entry|Leave a Reply|Responses to/);
  });

  it.each([
    // An opinion column labelled "Comment", a paper's "Discussion": part of the story.
    ["a bare 'Comment' section label", "<h2>Comment</h2>"],
    ["a 'Discussion' section", "<h2>Discussion</h2>"],
  ])("keeps the prose after %s", (_name, heading) => {
    const { text } = extractFromHtml(
      `<html><body><div id="main"><h1>Harbour schedule</h1>${article}${heading}<p>The committee's decision on Tuesday at 11:30 was, on January 5, 2012 and again on March 3, 2012, the subject of a long review by the port authority and its staff.</p></div></body></html>`,
    );
    expect(text).toContain("the subject of a long review by the port authority");
  });

  it("keeps what follows a comment heading when it holds the article's own headline", () => {
    const html = `<html><body><div id="main"><p>${"Menu text and other links at the top of the page. ".repeat(5)}</p><h2>Comments</h2><div><h1>Harbour schedule</h1>${article}<p>Posted by the desk at 10:15, updated at 11:20.</p></div></div></body></html>`;
    expect(extractFromHtml(html).text).toContain("The harbour committee met for the 5th time");
  });

  it("keeps the article after a 'comments' anchor that opens the page", () => {
    const html = `<html><body><div id="main"><a name="comments"></a><h2>Harbour schedule</h2>${article}${posts(1)}</div></body></html>`;
    expect(extractFromHtml(html).text).toContain("The harbour committee met for the 5th time");
  });

  it("drops an empty trackback section but keeps trackbacks that quote other blogs", () => {
    const empty = extractFromHtml(
      page(
        "<h3>TrackBack</h3><p>TrackBack URL for this entry: http://blog.example/trackback/1</p><p>Listed below are links to weblogs that reference Harbour schedule:</p>",
      ),
    ).text;
    expect(empty).not.toContain("TrackBack URL");
    const quoted = `<h3>TrackBack</h3>${Array.from(
      { length: 3 },
      (_, i) =>
        `<p>» <a href="http://other${i}.example/">Harbour news</a> from Other Blog ${i}: the harbour committee finally agreed on the spring schedule, a decision the town has waited for since last year.</p><p>Tracked on Apr 6, 2007 3:09:50 PM</p>`,
    ).join("")}`;
    expect(extractFromHtml(page(quoted)).text).toContain("from Other Blog 2");
  });
});
