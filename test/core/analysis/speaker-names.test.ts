import { describe, expect, it } from "vitest";
import { extractEntities } from "../../../src/core/analysis/entities.js";
import { extractQuotes } from "../../../src/core/analysis/quotes.js";
import { prepareText } from "../../../src/core/text/prepare.js";

const QUOTE = '"We will keep talking to both sides,"';
const SENTENCE = '"We will keep talking to both sides."';

const attributions = (text: string) =>
  extractQuotes(prepareText(text, { detectTitle: false })).map((q) => ({
    speaker: q.speaker,
    role: q.role ?? null,
  }));

/** Where the title ends and the name begins, whichever side of the quote names the speaker. */
describe("speaker names: titles go to the role, the name stays whole", () => {
  it.each([
    ["a title with an 'of' phrase, after the quote", `${QUOTE} Secretary of State Antony Blinken said.`],
    ["a title with an 'of' phrase, verb first", `${QUOTE} said Secretary of State Antony Blinken.`],
    ["a title with an 'of' phrase, before the quote", `Secretary of State Antony Blinken said: ${SENTENCE}`],
  ])("%s", (_case, text) => {
    expect(attributions(text)).toEqual([{ speaker: "Antony Blinken", role: "Secretary of State" }]);
  });

  it.each([
    [
      "an 'of the' phrase and a known first name",
      `${QUOTE} Chairman of the Joint Chiefs Mark Milley said.`,
      { speaker: "Mark Milley", role: "Chairman of the Joint Chiefs" },
    ],
    [
      "an 'of' phrase naming a place",
      `${QUOTE} said Governor of Texas Greg Abbott.`,
      { speaker: "Greg Abbott", role: "Governor of Texas" },
    ],
    ["a place after the name", `Tom Hale of Ohio said: ${SENTENCE}`, { speaker: "Tom Hale", role: null }],
    [
      "a place after a titled name",
      `${QUOTE} said Mayor Ann Roe of Dallas.`,
      { speaker: "Ann Roe", role: "Mayor" },
    ],
    [
      "a suffix after the name, subject first",
      `${QUOTE} Martin Luther King Jr. said.`,
      { speaker: "Martin Luther King Jr.", role: null },
    ],
    [
      "a suffix after the name, verb first",
      `${QUOTE} said Martin Luther King Jr.`,
      { speaker: "Martin Luther King Jr.", role: null },
    ],
    ["a numeral suffix", `${QUOTE} Robert Griffin III said.`, { speaker: "Robert Griffin III", role: null }],
    ["a title word that is a surname", `${QUOTE} King said.`, { speaker: "King", role: null }],
    [
      "a party and state in parentheses",
      `${QUOTE} Rep. Nancy Pelosi (D-Calif.) said.`,
      { speaker: "Nancy Pelosi", role: "Rep." },
    ],
    [
      "a party and state between commas",
      `${QUOTE} Rep. Nancy Pelosi, D-Calif., said.`,
      { speaker: "Nancy Pelosi", role: "Rep." },
    ],
    [
      "a party and state in parentheses, before the quote",
      `Rep. Nancy Pelosi (D-Calif.) said: ${SENTENCE}`,
      { speaker: "Nancy Pelosi", role: "Rep." },
    ],
    ["an honorific is no role", `${QUOTE} Dr. Jane Ruiz said.`, { speaker: "Jane Ruiz", role: null }],
  ])("%s", (_case, text, expected) => {
    expect(attributions(text)).toEqual([expected]);
  });

  it.each([
    ["a surname that is a month", `${QUOTE} said Theresa May.`, "Theresa May"],
    ["a first name that is a month", `April Ryan said: ${SENTENCE}`, "April Ryan"],
    ["…while a date after the name goes", `${QUOTE} Ann Roe said on May 3.`, "Ann Roe"],
    ["…and a day before it", `On Tuesday, Ann Roe said: ${SENTENCE}`, "Ann Roe"],
  ])("names and dates: %s", (_case, text, speaker) => {
    expect(attributions(text).map((a) => a.speaker)).toEqual([speaker]);
  });

  it.each([
    ["one particle, verb first", `${QUOTE} said Mohammed bin Salman.`, "Mohammed bin Salman"],
    ["two particles, subject first", `${QUOTE} Ana de la Cruz said on Monday.`, "Ana de la Cruz"],
    ["particles before the quote", `Ludwig van Beethoven said: ${SENTENCE}`, "Ludwig van Beethoven"],
    [
      "a particle name resolved back",
      `Mayor Bill de Blasio toured the site. ${QUOTE} he said.`,
      "Bill de Blasio",
    ],
  ])("a name across its particles: %s", (_case, text, speaker) => {
    expect(attributions(text).map((a) => a.speaker)).toEqual([speaker]);
  });

  it.each([
    [
      "an abbreviated title with an 'of' phrase",
      `${QUOTE} Sec. of State Antony Blinken said.`,
      { speaker: "Antony Blinken", role: "Sec. of State" },
    ],
    [
      "an abbreviated title before a name",
      `${QUOTE} said Atty. Gen. Merrick Garland.`,
      { speaker: "Merrick Garland", role: "Atty. Gen." },
    ],
  ])("%s", (_case, text, expected) => {
    expect(attributions(text)).toEqual([expected]);
  });

  it.each([
    [
      "a title the lexicon does not know, before a person the article names",
      `Trish James toured the site. ${QUOTE} said New York City Public Advocate Trish James.`,
      { speaker: "Trish James", role: "New York City Public Advocate" },
    ],
    [
      "an organisation's title before a person the article names",
      `Gary Casteel spoke first. ${QUOTE} said United Auto Workers Secretary-Treasurer Gary Casteel.`,
      { speaker: "Gary Casteel", role: "United Auto Workers Secretary-Treasurer" },
    ],
    [
      "…but an initial and a first name stay in the name",
      `Gerald Hebert spoke first. ${QUOTE} said J. Gerald Hebert.`,
      { speaker: "J. Gerald Hebert", role: null },
    ],
    [
      "an auxiliary after the name is the clause it opens",
      `The vote was close. ${QUOTE} Ed Krayewski may have said.`,
      { speaker: "Ed Krayewski", role: null },
    ],
    [
      "a surname spelt like an auxiliary is the name's own",
      `The column ran on Sunday. ${QUOTE} wrote George Will.`,
      { speaker: "George Will", role: null },
    ],
  ])("%s", (_case, text, expected) => {
    expect(attributions(text)).toEqual([expected]);
  });

  it("an unnamed source's long relative clause ends at a whole word", () => {
    const source =
      "one source who spoke on the condition of anonymity because of the sensitive nature of the negotiations with the city";
    const [only] = attributions(`${QUOTE} said ${source}.`);
    expect(source.startsWith(only!.speaker!)).toBe(true);
    expect(source[only!.speaker!.length]).toBe(" ");
  });

  it("a phrase cut off after its function words ends before them", () => {
    expect(attributions(`The vote was close. ${QUOTE} said the authors of the.`)).toEqual([
      { speaker: "the authors", role: null },
    ]);
  });

  it.each([
    ["a clause", `The vote was close. But what we should ask is ${SENTENCE}`],
    ["a phrase cut before its verb", `The vote was close. ${QUOTE} polls did.`],
    ["a prepositional phrase", `The vote was close. ${QUOTE} against the bridge tolls.`],
    [
      "a headline in capitals",
      'EBOLA SURVIVORS FACE NEW RISKS - Doctors expect "a long road back for thousands of patients" in the region.',
    ],
  ])("no speaker rather than a fragment: %s", (_case, text) => {
    expect(attributions(text)).toEqual([{ speaker: null, role: null }]);
  });

  it.each([
    ["a determiner alone", `The committee met on Monday. ${QUOTE} said the.`],
    ["an honorific alone, verb first", `The committee met on Monday. ${QUOTE} said Mr.`],
    ["an honorific alone, subject first", `The committee met on Monday. ${QUOTE} Mr. said.`],
    ["a possessive determiner alone", `The committee met on Monday. ${QUOTE} said his.`],
  ])("no speaker rather than a bad one: %s", (_case, text) => {
    expect(attributions(text)).toEqual([{ speaker: null, role: null }]);
  });
});

describe("entity names: the same cut", () => {
  it.each([
    ["Secretary of State Antony Blinken met the envoy in Cairo.", ["Antony Blinken", "Secretary of State"]],
    ["Martin Luther King Jr. spoke in Washington.", ["Martin Luther King Jr.", undefined]],
    ["Rep. Nancy Pelosi (D-Calif.) spoke in Washington.", ["Nancy Pelosi", "Rep."]],
    ["Dr. Jane Ruiz spoke in Washington.", ["Jane Ruiz", undefined]],
    ["Crown Prince Mohammed bin Salman spoke in Riyadh.", ["Mohammed bin Salman", "Crown Prince"]],
    ["Ana de la Cruz spoke in Washington about de facto rules.", ["Ana de la Cruz", undefined]],
  ])("%s", (text, [name, role]) => {
    const people = extractEntities(prepareText(text, { detectTitle: false })).filter(
      (e) => e.type === "person",
    );
    expect(people.map((e) => [e.name, e.role])).toEqual([[name, role]]);
  });
});
