import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { analyseEntities } from "../src/core/analysis/entities.js";
import { extractQuotesWithEvidence } from "../src/core/analysis/quotes.js";
import { confidenceOf } from "../src/core/analysis/speaker-evidence.js";
import { prepareText } from "../src/core/text/prepare.js";
import { type GoldQuote, matchQuotes, speakerRight } from "./eval/quote-judge.js";
import { quotesPart } from "./eval/splits.js";

/**
 * What each kind of speaker evidence is worth on quotes-dev, per part (the table in
 * docs/evaluation.md), and with --errors the wrong attributions of one kind with their context —
 * to look at on the tuned part only (`--part tuned`).
 *
 *   npx tsx scripts/quote-evidence.ts [--errors <kind prefix>] [--part tuned|held-out] [--right]
 */
const { values } = parseArgs({
  options: {
    "eval-dir": { type: "string" },
    errors: { type: "string" },
    part: { type: "string", default: "tuned" },
    right: { type: "boolean", default: false },
    limit: { type: "string" },
    // Write each judged quote to a file, and show the tuned part's changes against an earlier dump.
    dump: { type: "string" },
    // A hand-read verdict per wrong attribution (docs/audits/*.tsv): how many of today's are the engine's.
    audit: { type: "string" },
    against: { type: "string" },
  },
});
const evalDir = values["eval-dir"] ?? new URL("../../shared/eval", import.meta.url).pathname;
const lines = readFileSync(join(evalDir, "quotes-dev.jsonl"), "utf8").split("\n").filter(Boolean);

const table = new Map<string, Record<string, { n: number; wrong: number }>>();
let shown = 0;
const dumped: string[] = [];
const earlier = new Map<string, { speaker: string | null; right: boolean; evidence: string }>();
if (values.against)
  for (const l of readFileSync(values.against, "utf8").split("\n").filter(Boolean)) {
    const r = JSON.parse(l) as { key: string; speaker: string | null; right: boolean; evidence: string };
    earlier.set(r.key, r);
  }
const changed = { tuned: [0, 0], "held-out": [0, 0] };
const limit = Number(values.limit ?? 60);
for (const line of lines) {
  const a = JSON.parse(line) as { id: string; text: string; quotes: GoldQuote[] };
  const part = quotesPart(a.id);
  const prepared = prepareText(a.text, { detectTitle: true });
  const found = extractQuotesWithEvidence(prepared, analyseEntities(prepared));
  const matched = matchQuotes(
    a.quotes,
    found.map((f) => f.quote),
  );
  for (const [j, g] of matched) {
    const { quote, evidence, speaker } = found[j]!;
    const right = speakerRight(quote.speaker, g);
    const row = table.get(evidence) ?? {};
    row[part] ??= { n: 0, wrong: 0 };
    const cell = row[part];
    cell.n++;
    if (!right) cell.wrong++;
    table.set(evidence, row);
    const key = `${a.id}@${quote.start}`;
    dumped.push(JSON.stringify({ key, speaker: quote.speaker, right, evidence }));
    const before = earlier.get(key);
    if (before && before.right !== right) {
      changed[part][right ? 0 : 1]++;
      if (part === "tuned") {
        const at = Math.max(0, quote.start - 700);
        console.log(
          `${right ? "FIXED" : "BROKEN"} ${a.id} [${before.evidence} -> ${evidence}] ${before.speaker} -> ${quote.speaker} (gold ${g.speaker})`,
        );
        console.log(`    | ${prepared.text.slice(at, quote.end + 60).replace(/\n+/g, " ¶ ")}`);
      }
    }
    if (
      values.errors !== undefined &&
      part === values.part &&
      evidence.startsWith(values.errors) &&
      right === values.right &&
      shown < limit
    ) {
      shown++;
      const para = prepared.paragraphs.findIndex((p) => p.start <= quote.start && quote.start < p.end);
      const from = prepared.paragraphs[Math.max(0, para - 2)]!.start;
      const ctx = prepared.text.slice(from, prepared.paragraphs[para]!.end);
      console.log(`--- ${a.id} [${evidence}] lead=${speaker?.lead} back=${speaker?.sentencesBack}`);
      console.log(
        `  engine: ${quote.speaker}  gold: ${g.speaker} ${JSON.stringify(g.speaker_aliases ?? [])}`,
      );
      console.log(`  quote: ${quote.quote.slice(0, 100)}`);
      console.log(
        ctx
          .slice(-1400)
          .split("\n")
          .map((l) => `    | ${l}`)
          .join("\n"),
      );
    }
  }
}
if (values.dump) writeFileSync(values.dump, `${dumped.join("\n")}\n`);
if (values.audit) reportAudit(values.audit, dumped);

/**
 * Today's wrong attributions against a hand-read audit (key, evidence, verdict per line): each
 * verdict's count among those still wrong, and how many wrong ones of the audited kinds the audit
 * has not read (it is stale when that grows).
 */
function reportAudit(path: string, judged: string[]): void {
  const verdicts = new Map<string, string>();
  const kinds = new Set<string>();
  for (const l of readFileSync(path, "utf8").split("\n").slice(1).filter(Boolean)) {
    const [key, evidence, verdict] = l.split("\t");
    verdicts.set(key!, verdict!);
    kinds.add(evidence!.replace(/-clear$/, ""));
  }
  const counts = new Map<string, number>();
  let unread = 0;
  for (const l of judged) {
    const r = JSON.parse(l) as { key: string; right: boolean; evidence: string };
    if (
      r.right ||
      quotesPart(r.key.split("@")[0]!) !== "tuned" ||
      !kinds.has(r.evidence.replace(/-clear$/, ""))
    )
      continue;
    const verdict = verdicts.get(r.key);
    if (verdict) counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
    else unread++;
  }
  const read = [...counts].map(([v, n]) => `${v} ${n}`).join(", ");
  console.log(`audit ${path}: wrong and read: ${read}; wrong and not read: ${unread}`);
}
if (values.against)
  console.log(
    `changed (fixed/broken): tuned ${changed.tuned.join("/")} held-out ${changed["held-out"].join("/")}`,
  );
const cell = (c?: { n: number; wrong: number }) => (c ? `${c.n} / ${(c.wrong / c.n).toFixed(3)}` : "-");
const total = {
  tuned: { n: 0, high: 0, wrong: 0, allWrong: 0 },
  "held-out": { n: 0, high: 0, wrong: 0, allWrong: 0 },
};
for (const [kind, row] of [...table].sort()) {
  console.log(
    `${kind.padEnd(22)} ${confidenceOf(kind as never).padEnd(5)} tuned ${cell(row.tuned).padEnd(14)} held-out ${cell(row["held-out"])}`,
  );
  for (const p of ["tuned", "held-out"] as const) {
    const c = row[p];
    if (!c) continue;
    total[p].n += c.n;
    total[p].allWrong += c.wrong;
    if (confidenceOf(kind as never) === "high" && kind !== "none") {
      total[p].high += c.n;
      total[p].wrong += c.wrong;
    }
  }
}
for (const p of ["tuned", "held-out"] as const)
  console.log(
    `${p}: high on ${(total[p].high / total[p].n).toFixed(3)}, wrong among high ${(total[p].wrong / total[p].high).toFixed(3)}, speaker right on found ${(1 - total[p].allWrong / total[p].n).toFixed(3)}`,
  );
