import type { StoryBrief } from "../core/types.js";
import { speakerLabel } from "./brief.js";
import { escapeConsole } from "./escape.js";

/**
 * The brief as Markdown, for the command line. It is printed to a terminal, so the whole text
 * goes through the console neutraliser (terminal sequences, controls, bidi controls). Markdown
 * syntax in article text is left as it is: this output is the CLI contract evaluations read.
 */
export function briefToMarkdown(brief: StoryBrief): string {
  return escapeConsole(markdown(brief));
}

function markdown(brief: StoryBrief): string {
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
      const who = speakerLabel(q);
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
