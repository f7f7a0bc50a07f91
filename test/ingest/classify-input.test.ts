import { describe, expect, it } from "vitest";
import { classifyInput, MIN_ARTICLE_WORDS, REFUSALS } from "../../src/ingest/classify-input.js";

const ARTICLE =
  "The mayor opened the new bridge on Monday after three years of work. The council said it cost twelve million pounds.";

describe("classifyInput", () => {
  const kinds: Array<[string, string, string]> = [
    ["a doctype", `<!DOCTYPE html><html><body><p>${ARTICLE}</p></body></html>`, "html"],
    ["<html> with attributes", `<html lang="en-GB">\n<p>${ARTICLE}</p></html>`, "html"],
    [
      "a saved page's comment first",
      `<!-- saved from url=(0042)https://e.com/ -->\n<!doctype html><p>x</p>`,
      "html",
    ],
    ["a BOM and spaces first", `\uFEFF  \n<!doctype html><title>t</title>`, "html"],
    ["a <head> and <body> pair", `<head><title>t</title></head>\n<body><p>${ARTICLE}</p></body>`, "html"],
    ["mostly tags (a fragment)", `<div class="a"><span class="b"><a href="/x">Home</a></span></div>`, "html"],
    ["XHTML", `<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, "html"],
    ["RSS", `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>N</title></channel></rss>`, "feed"],
    ["Atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>N</title></feed>`, "feed"],
    ["RDF", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>`, "feed"],
    ["article text", ARTICLE, "text"],
    ["text that mentions a tag", `${ARTICLE} Editors use the <p> tag for paragraphs, she said.`, "text"],
    ["text in Chinese", "市长周一为新桥揭幕，这座桥历时三年建成，耗资一千二百万英镑。", "text"],
    ["an https URL", "  https://example.com/news/1  ", "url"],
    ["a Windows path", "C:\\news\\article.txt", "refused"],
  ];
  it.each(kinds)("%s is %s", (_name, input, kind) => {
    expect(classifyInput(input).kind).toBe(kind);
  });

  const refused: Array<[string, string, string]> = [
    ["empty", "", REFUSALS.empty],
    ["whitespace only", "  \n\t\n \u00A0 ", REFUSALS.empty],
    ["emoji only", "🤷‍♀️🤷‍♀️ 🎉 🎉🎉 👍🏽 ❤️", REFUSALS.no_letters],
    ["random symbols", "#$%^&* ()_+ {}|:<>? ~!@ 12345 ---", REFUSALS.no_letters],
    [
      "symbols with a letter here and there",
      "x@#$%^ y&*()! z%^&*( w$%^&* v@#$%^ u&*()! t%^&*( s$%^&*",
      REFUSALS.no_letters,
    ],
    ["a headline", "Bridge opens after three years", REFUSALS.too_short],
  ];
  it.each(refused)("refuses %s", (_name, input, message) => {
    const result = classifyInput(input);
    expect(result.kind).toBe("refused");
    expect(result.kind === "refused" && result.message).toBe(message);
  });

  it(`takes ${MIN_ARTICLE_WORDS} words and refuses one fewer`, () => {
    const words = "one two three four five six seven eight nine".split(" ");
    expect(classifyInput(words.slice(0, MIN_ARTICLE_WORDS).join(" ")).kind).toBe("text");
    expect(classifyInput(words.slice(0, MIN_ARTICLE_WORDS - 1).join(" ")).kind).toBe("refused");
  });

  it.each([
    "file:///etc/passwd",
    "ftp://example.com/a.txt",
    "javascript:alert(1)",
    "data:text/html,<p>x</p>",
    "FILE:/x",
  ])("names the scheme of %s", (input) => {
    const result = classifyInput(input);
    expect(result).toMatchObject({ kind: "refused", reason: "scheme" });
    const scheme = input.slice(0, input.indexOf(":")).toLowerCase();
    expect(result.kind === "refused" && result.message).toBe(
      `Only http and https addresses are read ("${scheme}:" is not one).`,
    );
  });

  it("decides a 2 MB input from bounded prefixes", () => {
    const big = `${ARTICLE}\n`.repeat(Math.ceil((2 * 1024 * 1024) / ARTICLE.length));
    expect(classifyInput(big).kind).toBe("text");
    expect(classifyInput(`<!doctype html>${big}`).kind).toBe("html");
  });
});
