import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import type { StoryBrief } from "../core/types.js";
import { checkArticleText } from "../ingest/classify-input.js";
import { briefToMarkdown } from "../render/markdown.js";
import { readArticleInput } from "./article-input.js";
import { type Briefer, createCliBriefer, type EngineChoice } from "./briefer.js";
import { runJsonl, sizedField, stringField } from "./jsonl.js";
import { type CliCommand, UserError } from "./types.js";
import { usages } from "./usage.js";

const usage = usages.summary;

/** The JSON shape of the command-line contract (DESIGN.md). */
export function briefToContractJson(brief: StoryBrief): Record<string, unknown> {
  return {
    title: brief.title,
    engine: brief.engine,
    language: brief.language,
    keyPoints: brief.keyPoints.map((k) => ({ text: k.text, sentences: k.sentences })),
    quotes: brief.quotes.map((q) => ({
      quote: q.quote,
      speaker: q.speaker,
      ...(q.role ? { role: q.role } : {}),
      speakerConfidence: q.speaker ? (q.speakerConfidence ?? "low") : "low",
      sentence: q.sentence,
    })),
    openQuestions: brief.openQuestions.map((o) => ({ question: o.question, sentences: o.sentences })),
    entities: brief.entities.map((e) => ({
      name: e.name,
      type: e.type,
      ...(e.role ? { role: e.role } : {}),
    })),
    notes: brief.notes,
  };
}

/**
 * One `summary --jsonl` line → its contract JSON. `npm run eval` calls this same function, so the
 * figures it prints are what the command line gives.
 */
export function summaryLineHandler(makeBrief: Briefer, maxBytes: number) {
  return async (line: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const text = sizedField(line, "text", maxBytes);
    // The check every path makes (classify-input.ts): an evaluation sees what chat users get.
    const refusal = checkArticleText(text, { allowShort: true });
    if (refusal) throw new Error(refusal.message);
    const brief = await makeBrief({ text, title: stringField(line, "title", false) });
    return briefToContractJson(brief);
  };
}

export const summaryCommand: CliCommand = {
  name: "summary",
  summary: "key points, attributed quotes and open questions of an article",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        jsonl: { type: "boolean", default: false },
        title: { type: "string" },
        engine: { type: "string", default: "auto" },
      },
    });
    if (!["auto", "extractive", "llm"].includes(values.engine ?? "auto")) {
      throw new UserError(`unknown engine "${values.engine}" (use auto, extractive or llm)`);
    }
    const config = loadConfig(io.env);
    const maxBytes = config.MAX_TEXT_BYTES;
    const makeBrief = await createCliBriefer(config, (values.engine ?? "auto") as EngineChoice);
    if (values.jsonl) return runJsonl(io.stdin, io.stdout, summaryLineHandler(makeBrief, maxBytes));
    const source = positionals[0];
    if (!source) throw new UserError(`missing the article to summarise\n\n${usage}`);
    const article = await readArticleInput(source, io.stdin, config);
    const brief = await makeBrief({ text: article.text, title: values.title ?? article.title });
    io.stdout.write(
      values.json ? `${JSON.stringify(briefToContractJson(brief), null, 2)}\n` : briefToMarkdown(brief),
    );
    return 0;
  },
};
