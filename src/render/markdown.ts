import type { StoryBrief } from "../core/types.js";

/** The brief as Markdown, for the command line. */
export function briefToMarkdown(brief: StoryBrief): string {
  const out: string[] = [];
  out.push(`# ${brief.title || "Untitled story"}`, "");
  const engine = brief.engine === "llm" ? "LLM, checked against the text" : "extractive (no LLM)";
  out.push(`_Engine: ${engine}${brief.language !== "en" ? ` · language: ${brief.language}` : ""}_`, "");
  for (const note of brief.notes) out.push(`> ${note}`, "");
  if (brief.keyPoints.length) {
    out.push("## Key points", "");
    for (const kp of brief.keyPoints) out.push(`- ${kp.text} ${cite(kp.sentences)}`);
    out.push("");
  }
  if (brief.quotes.length) {
    out.push("## Quotes", "");
    for (const q of brief.quotes) {
      const who = q.speaker ? `${q.speaker}${q.role ? `, ${q.role}` : ""}` : "unattributed";
      out.push(`- “${q.quote}” — ${who} ${cite([q.sentence])}`);
    }
    out.push("");
  }
  if (brief.openQuestions.length) {
    out.push("## Open questions", "");
    for (const oq of brief.openQuestions) out.push(`- ${oq.question} ${cite(oq.sentences)}`);
    out.push("");
  }
  if (brief.entities.length) {
    out.push("## People and organisations", "");
    for (const e of brief.entities.slice(0, 15))
      out.push(`- ${e.name} (${e.type}${e.role ? `, ${e.role}` : ""})`);
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function cite(ids: number[]): string {
  return ids.length ? `[${ids.map((i) => `s${i}`).join(", ")}]` : "";
}
