import { describe, expect, it } from "vitest";
import { extractEntities } from "../../../src/core/analysis/entities.js";
import { extractQuotes } from "../../../src/core/analysis/quotes.js";
import { prepareText } from "../../../src/core/text/prepare.js";

const prepared = (text: string) => prepareText(text, { detectTitle: false });

describe("nickname links", () => {
  it("links a one-word nickname to the person the sentence names", () => {
    const people = extractEntities(
      prepared("Benjamin Netanyahu, known as Bibi, spoke on Monday. Bibi said the talks would go on."),
    );
    expect(people.find((e) => e.name === "Benjamin Netanyahu")?.aliases).toContain("Bibi");
  });

  it("never chains people together through a name that only starts with the nickname's word", () => {
    const text = [
      "Ann Marsh won the first contests known as Super Tuesday.",
      "Tom Reyes won two of the contests known as Super Tuesday.",
      "Paul Dunn lost the contests known as Super Tuesday.",
      'Reyes told the crowd, "We are not done yet."',
    ].join("\n\n");
    const entities = extractEntities(prepared(text));
    for (const name of ["Ann Marsh", "Tom Reyes", "Paul Dunn"])
      expect(entities.filter((e) => e.name === name || e.aliases.includes(name))).toHaveLength(1);
    expect(extractQuotes(prepared(text)).map((q) => q.speaker)).toEqual(["Tom Reyes"]);
  });
});
