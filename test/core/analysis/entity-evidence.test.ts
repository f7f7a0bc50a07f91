import { describe, expect, it } from "vitest";
import { buildExtractiveBrief } from "../../../src/core/analyse.js";

const entitiesOf = (text: string) =>
  Object.fromEntries(
    buildExtractiveBrief({ text, title: "Local news" }).entities.map((e) => [e.name, e.type]),
  );

/** What a reader sees as an entity is what the text shows to be one, not every capitalised word. */
describe("entity types from evidence", () => {
  const text = [
    "Mayor Lisa Grant spoke at the State of the Union address on Tuesday, and Tom Ash listened.",
    "The Grant-Ash partnership began in 2019 at the Fifth Street depot.",
    "Traffic was heavy all morning. Engineers said the bridge needs repairs before Ramadan.",
    "Many Muslim families in the city were affected, officials at the Transit Authority said.",
    "Americans abroad can follow the work online, according to Reuters.",
  ].join(" ");
  const entities = entitiesOf(text);

  it.each([
    ["State of the Union", undefined],
    ["Grant-Ash", undefined],
    ["Traffic", undefined],
    ["Engineers", undefined],
    ["Muslim", undefined],
    ["Americans", undefined],
    ["Ramadan", undefined],
    ["Fifth Street", "place"],
    ["Lisa Grant", "person"],
    ["Transit Authority", "organisation"],
    ["Reuters", "organisation"],
  ])("%s → %s", (name, type) => {
    expect(entities[name], JSON.stringify(entities)).toBe(type);
  });
});

/** A capitalised number word after a proper noun belongs to the name; a number elsewhere does not. */
describe("names that end in a number word", () => {
  const text = [
    "The governor boarded Air Force One on Monday with Tom Ash, who follows Formula One closely.",
    "One aide said the trip was planned weeks ago. Reuters reported two more stops.",
  ].join(" ");
  const names = Object.keys(entitiesOf(text));

  it.each([
    ["Air Force One", true],
    ["Air Force", false],
    ["Formula One", true],
    ["Tom Ash", true],
    ["One", false],
  ])("%s shown: %s", (name, shown) => {
    expect(names.includes(name), JSON.stringify(names)).toBe(shown);
  });
});
