/**
 * A small stop-word vote for the language of a text: enough to note "this is not English" on a
 * brief. Looks at the first few thousand words only.
 */
const STOPWORDS: Record<string, string> = {
  en: "the of and to in is that for it with as was on said he his by at from are have has be not but they this an were which would will their there after who been had or its we you says she her yesterday today",
  de: "der die und das ist nicht ein eine einer einen zu den von mit sich des auf für im dem sie es auch als wird wurde werden nach dass aber bei nur noch wie über oder vom zum zur sein seine seinen haben hat er wir ich sagte sind gestern heute",
  fr: "le la les et des est une un du que pour dans qui pas sur au avec il elle ce sont par plus de à ne se sa ses nous vous leur aux été selon dit cette mais ou aujourd",
  es: "el la los las de que y en un una es por con para del se su al lo como más pero fue según muy sus ha han este esta entre sin sobre también hasta desde dijo ayer hoy",
  it: "il di che e la per un una non sono del della le gli con si è al da ha anche nel alla ma questo",
  pt: "o a os as de que e do da em um uma para com não por se mais dos das foi ao na no pelo pela",
  nl: "de het een en van is dat op te in niet zijn met voor er maar ook als aan wordt werd naar",
};
// A word several languages share votes a share of one, so "la" or "de" decide nothing alone.
const LOOKUP = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const w of words.split(" ")) LOOKUP.set(w, [...(LOOKUP.get(w) ?? []), lang]);
}

function decided(votes: Record<string, number>): boolean {
  let top = 0;
  let second = 0;
  for (const v of Object.values(votes)) {
    if (v > top) [top, second] = [v, top];
    else if (v > second) second = v;
  }
  return top >= 60 && top >= 5 * second;
}

/** ISO 639-1 code of the most likely language, or "und" when undetermined. */
export function detectLanguage(text: string): string {
  const votes: Record<string, number> = {};
  // Word by word, so a text decided early is not read to its end.
  const word = /\p{L}+/gu;
  const head = text.slice(0, 20_000);
  let count = 0;
  for (let m = word.exec(head); m !== null; m = word.exec(head)) {
    count++;
    const langs = LOOKUP.get(m[0].toLowerCase());
    if (langs) for (const lang of langs) votes[lang] = (votes[lang] ?? 0) + 1 / langs.length;
    // Decided long before the end: a language with 60 votes and five times any other's.
    if (count % 100 === 0 && decided(votes)) break;
  }
  if (count < 3) return "und";
  const ranked = Object.entries(votes).sort((a, b) => b[1] - a[1]);
  // A short sentence has few stop words: a clear winner with a couple of votes is enough.
  const [top, second] = [ranked[0]?.[1] ?? 0, ranked[1]?.[1] ?? 0];
  const clear = top >= Math.max(1.5, count * 0.04) || (top >= 1 && top >= 1.8 * second);
  if (!clear) {
    // Mostly non-Latin script: report the script family rather than guessing.
    if (/[\u0400-\u04FF]/.test(text)) return "ru";
    if (/[\u0600-\u06FF]/.test(text)) return "ar";
    // Japanese mixes kana into its kanji: kana first, or every Japanese text would read as Chinese.
    if (/[\u3040-\u30FF]/.test(text)) return "ja";
    if (/[\u4E00-\u9FFF]/.test(text)) return "zh";
    if (/[\u0590-\u05FF]/.test(text)) return "he";
    return "und";
  }
  return ranked[0]![0];
}

const NAMES: Record<string, string> = {
  en: "English",
  de: "German",
  fr: "French",
  es: "Spanish",
  it: "Italian",
  pt: "Portuguese",
  nl: "Dutch",
  ru: "Russian",
  ar: "Arabic",
  zh: "Chinese",
  ja: "Japanese",
  he: "Hebrew",
};

/** "German (de)" for a code detectLanguage gives; the code itself for any other tag. */
export function languageName(code: string): string {
  const base = code.split("-")[0]!.toLowerCase();
  return NAMES[base] ? `${NAMES[base]} (${code})` : code;
}
