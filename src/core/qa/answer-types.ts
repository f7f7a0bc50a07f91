/**
 * What a question asks for, and which stretches of a sentence could be that kind of answer.
 * Regex rules on surface forms only (fast enough for index building at ~1 ms per story); the
 * brief's entities refine people, organisations and places when they are known.
 */

export type AnswerType = "person" | "date" | "place" | "number" | "duration" | "cause" | "name" | "other";

export interface CandidateSpan {
  type: AnswerType;
  start: number;
  end: number;
  text: string;
}

const MONTH =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)";
const WEEKDAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const NUMBER_WORD =
  "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|dozens|hundreds|thousands|millions|several|a few|half)";
const NUM = `(?:\\d[\\d,.]*|${NUMBER_WORD})`;
const TIME_UNIT =
  "(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|century)";

const DATE_RE = new RegExp(
  [
    // ("mid-January", "early March": the part of the month is the answer's.)
    `\\b(?:(?:mid|early|late)-?\\s?)?${MONTH}(?:\\s+\\d{1,2}(?:st|nd|rd|th)?\\b)?(?:,?\\s+\\d{3,4})?`,
    `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+\\d{3,4})?`,
    `\\b${WEEKDAY}\\b`,
    "\\b(?:1[0-9]{3}|20[0-9]{2})s?\\b",
    "\\b\\d{1,2}(?:st|nd|rd|th)\\s+century\\b",
    "\\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)\\s+century\\b",
    "\\b(?:yesterday|today|tomorrow|tonight|midday|midnight|noon)\\b",
    "\\b\\d{1,2}(?::\\d{2})?\\s*(?:a\\.m\\.|p\\.m\\.|am|pm)\\b",
    "\\b(?:spring|summer|autumn|fall|winter)\\s+(?:of\\s+)?\\d{4}\\b",
  ].join("|"),
  "g",
);
const DURATION_RE = new RegExp(
  `\\b${NUM}(?:\\s+|-)(?:and\\s+a\\s+half\\s+)?${TIME_UNIT}\\b(?:\\s+long|\\s+old)?|\\b(?:a|an)\\s+${TIME_UNIT}\\b|\\bdecades?\\b|\\bcenturies\\b`,
  "gi",
);
const NUMBER_RE = new RegExp(
  `(?:[$€£¥]\\s?)?\\b${NUM}(?:\\s+(?:${NUMBER_WORD}))*(?:\\s*(?:%|percent|per cent))?`,
  "gi",
);
// Capitalised word sequences (with inner "of", "de", "the" and initials): names of people, places,
// organisations. Sentence-initial single words are usually not names, so they are skipped.
const NAME_RE =
  /(?<![\p{L}-])(?:[A-Z][\p{L}'’.-]*|[A-Z]\.)(?:\s+(?:(?:of|de|da|van|von|der|al|bin|the|and|for)\s+)?(?:[A-Z][\p{L}'’.-]*|[A-Z]\.|\d+))*/gu;
const CAUSE_RE =
  /\b(?:because(?:\s+of)?|due\s+to|owing\s+to|as\s+a\s+result\s+of|thanks\s+to|since|in\s+order\s+to|so\s+that|so\s+as\s+to|in\s+response\s+to|led\s+to|caused\s+by|resulted\s+in|for\s+fear|to\s+(?:avoid|prevent|protect|ensure|help|allow|reduce|increase|improve|make|keep|secure|deliver|support))\b[^.;]*/gi;
const PLACE_PREP_RE = /\b(?:in|at|from|near|to|into|across|outside|inside|throughout)\s+(?:the\s+)?$/;
const PERSON_TITLE_RE =
  /^(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|President|Senator|Sen|Rep|Gov|Governor|King|Queen|Prince|Princess|Pope|Saint|St|General|Gen|Judge|Justice|Professor|Prof|Minister|Secretary|Vice)\.?$/;
const NON_NAME_STARTS = new Set(
  "The A An In On At But And Or If When While After Before As It He She They We I This That These Those There Here His Her Their Its Our My Your For From By With Of To Since Although Though Because During Despite However".split(
    " ",
  ),
);

const QUESTION_RULES: [RegExp, AnswerType][] = [
  [/\bhow\s+(?:long|many\s+(?:years|days|weeks|months|hours|minutes))\b/i, "duration"],
  [/\bhow\s+(?:many|much|old|far|big|large|tall|high|often|fast|deep|wide)\b/i, "number"],
  [/\bwhat\s+(?:percentage|percent|proportion|number|amount|fraction|share)\b/i, "number"],
  [
    /\b(?:when|what\s+(?:year|date|time|day|month|century|decade|era|period)|which\s+(?:year|date|day|month|century|decade))\b/i,
    "date",
  ],
  [
    /\b(?:who|whom|whose)\b|\b(?:what|which)\s+(?:person|people|man|woman|player|leader|president|king|queen|scientist|author|artist|composer|writer|official|emperor|general)\b/i,
    "person",
  ],
  [
    /\bwhere\b|\b(?:what|which)\s+(?:place|city|country|state|town|region|area|continent|location|island|river|province|nation|county|district|venue|stadium|port)\b/i,
    "place",
  ],
  [
    /\bwhy\b|\bwhat\s+(?:(?:may|might|could)\s+have\s+)?(?:caused|was\s+the\s+reason|reason)\b|\bfor\s+what\s+reason\b/i,
    "cause",
  ],
  [
    /\b(?:what|which)\s+(?:company|organi[sz]ation|team|group|party|university|agency|name|language|religion)\b|\bwhat\s+(?:is|was|are|were)\s+(?:the\s+|[\p{L}'’]+\s+)?(?:name|nickname|title)s?\b/iu,
    "name",
  ],
];

// "Which investor …", "what famous painter …": agent nouns name a person.
const AGENT_NOUN = /(?:er|or|ist|ian|itect|man|woman|men|women)s?$/;
const NOT_AGENT = new Set(
  "number order other power water after under matter center centre chapter letter never over member's border corner layer factor sector error major minor manner paper dollar river sugar winter summer dinner fever cancer computer character weather tower quarter meter metre register fuel plant part percent element instrument government movement document event season region reason nation section ratio dominant".split(
    " ",
  ),
);
const NAME_NOUN =
  /^(?:network|channel|station|band|film|movie|book|newspaper|magazine|ship|brand|product|program|programme|show|album|song|game|award|prize|treaty|law|act|church|school|college|museum|building|university|team|club|company|firm|corporation|party|group|organi[sz]ation|agency|army|institution|language|religion|dynasty|empire|kingdom|title|nickname)s?$/;

// A leading clause that sets the scene ("When extensive time is required …, this represents what
// …?", "In considering Turing machines, what measurement …?"): the question is after its comma.
const LEADING_CLAUSE =
  /^\s*(?:when|while|if|although|though|because|since|as|once|after|before|in|on|during|with|for|by|given|considering)\s+(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|should|may|might|must)\b)[^,?]{1,200},\s*/i;
// The words that ask: "what", "who" … and the rest of the question from there.
const WH_WORD = /\b(?:what|which|who|whom|whose|when|where|why|how)\b/gi;
const STARTS_ASKING =
  /^\s*(?:(?:in|on|at|by|for|from|to|of|with|during|after|before|since|under|through)\s+)?(?:what|which|who|whom|whose|when|where|why|how)\b/i;

/**
 * The part of a question that asks: the whole of it when it opens with its question word, else
 * from the last question word on ("… classifies Muslims who follow Shia interpretation as what?"
 * asks "what", not "who"; "… reserved by where?").
 */
export function askingClause(question: string): string {
  const lead = LEADING_CLAUSE.exec(question);
  const rest = lead ? question.slice(lead[0].length) : question;
  if (STARTS_ASKING.test(rest)) {
    // "What does water turn into when heated?": a later "when"/"where" clause says when, it does
    // not ask it.
    const later = /^(?!\s*(?:when|where)\b).+?(\s(?:when|where|while)\s)/i.exec(rest);
    return later ? rest.slice(0, later.index + later[0].length - later[1]!.length) : rest;
  }
  let last = -1;
  for (const m of rest.matchAll(WH_WORD)) last = m.index ?? -1;
  return last >= 0 ? rest.slice(last) : rest;
}

/** The kind of answer a question asks for ("other" when the wording does not say). */
export function questionAnswerType(fullQuestion: string): AnswerType {
  const question = askingClause(fullQuestion);
  for (const [re, type] of QUESTION_RULES) if (re.test(question)) return type;
  const after = /\b(?:what|which)\s+((?:[\p{L}-]+\s+){0,2}[\p{L}-]+)/iu.exec(question);
  if (after) {
    for (const w of after[1]!.toLowerCase().split(/\s+/)) {
      if (
        /^(?:is|was|are|were|did|does|do|has|have|had|can|could|would|will|of|in|on|for|to|by|at|from|with|the|a|an)$/.test(
          w,
        )
      )
        break;
      if (NAME_NOUN.test(w)) return "name";
      if (w.length > 4 && AGENT_NOUN.test(w) && !NOT_AGENT.has(w)) return "person";
    }
  }
  return "other";
}

function collect(re: RegExp, text: string, type: AnswerType, out: CandidateSpan[]): void {
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    const s = m[0].trim();
    if (!s) continue;
    const start = (m.index ?? 0) + m[0].indexOf(s);
    out.push({ type, start, end: start + s.length, text: s });
  }
}

/** Names in a sentence, typed as person or place by their context when the entities do not say. */
function collectNames(text: string, out: CandidateSpan[]): void {
  NAME_RE.lastIndex = 0;
  for (const m of text.matchAll(NAME_RE)) {
    let s = m[0].replace(/[.'’-]+$/, "");
    let start = m.index ?? 0;
    const parts = s.split(/\s+/);
    if (NON_NAME_STARTS.has(parts[0]!)) {
      if (parts.length === 1) continue;
      const cut = s.indexOf(parts[1]!);
      s = s.slice(cut);
      start += cut;
    }
    if (start === 0 && !s.includes(" ")) continue;
    const before = text.slice(Math.max(0, start - 30), start);
    let type: AnswerType = "name";
    if (PERSON_TITLE_RE.test(parts[0]!) || /\b(?:said|says|told|by|named|called)\s+$/.test(before)) {
      type = "person";
    } else if (PLACE_PREP_RE.test(before)) type = "place";
    out.push({ type, start, end: start + s.length, text: s });
  }
}

// Between two amounts of a range: "from $64 to about $75", "between 10 and 12", "3–5 days".
const RANGE_LINK =
  /^\s*(?:to|and|-|–|—)\s*(?:(?:about|around|roughly|nearly|almost|some|up to|as much as|more than)\s+)?$/i;
const RANGE_OPEN = /\b(?:from|between)\s+$/i;

/**
 * A range is one answer: "how much would the bill rise?" is answered by "from $64 to about $75",
 * not by "$64". Adds the joined span beside its parts (the parts stay, for questions about one end).
 */
function joinRanges(text: string, spans: CandidateSpan[]): void {
  const amounts = spans
    .filter((s) => s.type === "number" || s.type === "duration")
    .sort((a, b) => a.start - b.start || b.end - a.end);
  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i]!;
    // The next amount that starts after this one ends ("three" and "five weeks", not "five").
    const b = amounts.find((c, j) => j > i && c.start >= a.end);
    if (!b || !RANGE_LINK.test(text.slice(a.end, b.start))) continue;
    // "three and five weeks": the unit of the second end is the range's.
    if (a.type === "duration" && b.type !== "duration") continue;
    const opener = RANGE_OPEN.exec(text.slice(Math.max(0, a.start - 10), a.start));
    const start = opener ? a.start - opener[0].length : a.start;
    spans.push({ type: b.type, start, end: b.end, text: text.slice(start, b.end) });
  }
}

/** Every stretch of `text` that could answer some kind of question. */
export function candidateSpans(text: string): CandidateSpan[] {
  const out: CandidateSpan[] = [];
  collect(DATE_RE, text, "date", out);
  collect(DURATION_RE, text, "duration", out);
  collect(NUMBER_RE, text, "number", out);
  joinRanges(text, out);
  collect(CAUSE_RE, text, "cause", out);
  collectNames(text, out);
  return out;
}

/** Whether a span of type `have` can answer a question asking for `want`. */
export function typeFits(want: AnswerType, have: AnswerType): number {
  if (want === have) return 1;
  if (want === "person" || want === "place") return have === "name" ? 0.6 : 0;
  if (want === "name") return have === "person" || have === "place" ? 0.8 : 0;
  if (want === "duration") return have === "number" ? 0.4 : have === "date" ? 0.3 : 0;
  if (want === "number") return have === "duration" ? 0.8 : 0;
  if (want === "date") return have === "number" ? 0.2 : 0;
  if (want === "other") return have === "name" || have === "number" || have === "date" ? 0.3 : 0;
  return 0;
}
