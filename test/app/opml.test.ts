import { describe, expect, it } from "vitest";
import { OPML_MAX_FEEDS, readOpml, writeOpml } from "../../src/app/opml.js";
import { UserFacingError } from "../../src/app/services.js";

const opml = (outlines: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>My feeds</title></head><body>${outlines}</body></opml>`;

/** The message of the UserFacingError `fn` throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserFacingError);
    return (err as Error).message;
  }
  throw new Error("not refused");
}

describe("OPML import files (feedsmith's parser, limits and refusals)", () => {
  it("reads feeds from nested folders, skips and reports a bad entry, passes over plain links", () => {
    const read = readOpml(
      opml(`<outline text="Tech"><outline text="Ars" type="rss" xmlUrl="https://arstechnica.com/feed/"/>
        <outline text="Evil" xmlUrl="javascript:alert(1)"/></outline>
        <outline text="A blog" type="link" url="https://blog.example"/>
        <outline title="Local &amp; more" text="Local" xmlUrl="https://local.example/rss?x=1&amp;y=2"/>
        <outline text="Ars again" xmlUrl="https://arstechnica.com/feed/"/>`),
    );
    expect(read.entries).toEqual([
      { url: "https://arstechnica.com/feed/", title: "Ars" },
      { url: "https://local.example/rss?x=1&y=2", title: "Local & more" },
    ]);
    expect(read.skipped).toEqual(['“Evil”: "javascript:alert(1)" is not a web address']);
  });

  it("refuses a billion-laughs file without expanding it", () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<opml version="2.0"><body><outline text="&lol9;" xmlUrl="https://a.example/&lol9;"/></body></opml>`;
    const started = performance.now();
    expect(refusal(() => readOpml(lol))).toMatch(/declares a document type or entities/);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("refuses an external entity (XXE) instead of reading the file it names", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&xxe;" xmlUrl="https://a.example/feed"/></body></opml>`;
    expect(refusal(() => readOpml(xxe))).toMatch(/refuses/);
  });

  it(`refuses more than ${OPML_MAX_FEEDS} feeds, naming the limit`, () => {
    const many = Array.from(
      { length: OPML_MAX_FEEDS + 1 },
      (_, i) => `<outline text="F${i}" xmlUrl="https://f.example/${i}"/>`,
    );
    expect(refusal(() => readOpml(opml(many.join(""))))).toBe(
      `The OPML file lists ${OPML_MAX_FEEDS + 1} feeds; at most ${OPML_MAX_FEEDS} can be imported at once.`,
    );
    expect(readOpml(opml(many.slice(1).join(""))).entries).toHaveLength(OPML_MAX_FEEDS);
  });

  it.each([
    ["not XML at all", "hello, these are my feeds"],
    ["XML that is no OPML", `<?xml version="1.0"?><rss><channel/></rss>`],
    ["an OPML with no feed", opml(`<outline text="Empty folder"/>`)],
  ])("explains %s", (_case, text) => {
    expect(refusal(() => readOpml(text))).toMatch(/OPML/);
  });

  it("writes an export that reads back, every attribute escaped", () => {
    const feeds = [
      { url: "https://a.example/feed?x=1&y=2", title: 'A "quoted" <b>name</b>' },
      { url: "https://b.example/rss" },
    ];
    const xml = writeOpml("Newsdesk feeds of #news", feeds, new Date("2026-03-02T09:00:00Z"));
    expect(xml).toContain('xmlUrl="https://a.example/feed?x=1&amp;y=2"');
    expect(readOpml(xml).entries).toEqual([
      { url: "https://a.example/feed?x=1&y=2", title: 'A "quoted" <b>name</b>' },
      { url: "https://b.example/rss", title: "https://b.example/rss" },
    ]);
  });
});
