import { describe, expect, it } from "vitest";
import { detectLanguage, languageName } from "../../../src/core/text/language.js";

describe("detectLanguage", () => {
  const cases: Array<[string, string]> = [
    ["en", "According to him, the decision was taken last night after a long meeting."],
    ["en", "Dana Whitfield said on Monday in Berlin that they would manage it soon."],
    [
      "de",
      "„Wir schaffen das“, sagte Dana Whitfield, „und zwar bald.“ Die Regierung hat neue Maßnahmen angekündigt.",
    ],
    ["de", "Nach seinen Worten wurde die Entscheidung gestern Abend nach einer langen Sitzung getroffen."],
    ["de", "Der Präsident sagte, er werde nicht kommen."],
    ["fr", "La ministre de la Santé a annoncé hier de nouvelles restrictions à Paris."],
    ["fr", "« Nous allons gagner », a déclaré Dana Whitfield, « et vite. »"],
    ["fr", "Le chef de l'État a reçu des représentants de la société civile."],
    ["es", "La ministra de Sanidad anunció ayer nuevas restricciones en Madrid."],
    ["es", "«Vamos a ganar», dijo Dana Whitfield, «y pronto». El gobierno anunció nuevas medidas."],
    ["es", "Los trabajadores de la empresa protestaron frente a la sede durante horas."],
    ["ja", "彼は『いいえ』と言った。東京で会議が開かれた。"],
    ["zh", "我们会赢，他说。会议在北京举行。"],
  ];
  it.each(cases)("%s: %s", (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it("says undetermined rather than guess from a word or two", () => {
    expect(detectLanguage("Berlin Paris Madrid")).toBe("und");
    expect(detectLanguage("la")).toBe("und");
  });

  it("decides a long text from its start once one language clearly leads", () => {
    const english = "The mayor said the council would vote on the bridge and the budget this week. ".repeat(
      40,
    );
    const german =
      "Der Bürgermeister sagte, dass der Rat über die Brücke und den Haushalt abstimmen wird. ".repeat(200);
    expect(detectLanguage(english + german)).toBe("en");
    expect(detectLanguage(german + english)).toBe("de");
  });

  it("names the languages it detects", () => {
    expect(languageName("de")).toBe("German (de)");
    expect(languageName("fr-CA")).toBe("French (fr-CA)");
    expect(languageName("xx")).toBe("xx");
  });
});
