/**
 * A small stop-word vote for the language of a text: enough to note "this is not English" on a
 * brief. Looks at the first few thousand words only.
 */
const STOPWORDS: Record<string, string[]> = {
  en: "the of and to in is that for it with as was on said he his by at from are have has be not but they this".split(
    " ",
  ),
  de: "der die und das ist nicht ein eine zu den von mit sich des auf für im dem sie es auch als wird".split(
    " ",
  ),
  fr: "le la les et des est une un du que pour dans qui pas sur au avec il elle ce sont par plus".split(" "),
  es: "el la los las de que y en un una es por con para del se su al lo como más pero".split(" "),
  it: "il di che e la per un una non sono del della le gli con si è al da ha anche".split(" "),
  pt: "o a os as de que e do da em um uma para com não por se mais dos das foi".split(" "),
  nl: "de het een en van is dat op te in niet zijn met voor er maar ook als aan".split(" "),
};
const LOOKUP = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const w of words) LOOKUP.set(w, [...(LOOKUP.get(w) ?? []), lang]);
}

/** ISO 639-1 code of the most likely language, or "und" when undetermined. */
export function detectLanguage(text: string): string {
  const words =
    text
      .slice(0, 20_000)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  if (words.length < 3) return "und";
  const votes: Record<string, number> = {};
  for (const w of words) for (const lang of LOOKUP.get(w) ?? []) votes[lang] = (votes[lang] ?? 0) + 1;
  const ranked = Object.entries(votes).sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || ranked[0][1] < Math.max(2, words.length * 0.05)) {
    // Mostly non-Latin script: report the script family rather than guessing.
    if (/[\u0400-\u04FF]/.test(text)) return "ru";
    if (/[\u0600-\u06FF]/.test(text)) return "ar";
    if (/[\u4E00-\u9FFF]/.test(text)) return "zh";
    if (/[\u3040-\u30FF]/.test(text)) return "ja";
    if (/[\u0590-\u05FF]/.test(text)) return "he";
    return "und";
  }
  return ranked[0][0];
}
