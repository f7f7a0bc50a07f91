import { existsSync } from "node:fs";
import type { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { type Config, loadConfig } from "../config.js";
import { indexArticle } from "../core/qa/article.js";
import { quotesBySpeaker } from "../core/qa/by-speaker.js";
import { MAX_QUESTION_CHARS } from "../core/qa/question.js";
import { type WhoSaidMatch, whoSaid } from "../core/qa/who-said.js";
import { classifyAddress } from "../ingest/classify-input.js";
import { readArticleInput } from "./article-input.js";
import { runJsonl } from "./jsonl.js";
import { indexLineArticle, limitedField } from "./jsonl-article.js";
import { type CliCommand, UserError } from "./types.js";
import { usages } from "./usage.js";

const usage = usages.who;

/** Refuses what cannot be looked up at all: nothing typed, or more than the limit. */
export function checkFragment(text: string | undefined, what: string, commandUsage = usage): string {
  if (text === undefined || text.trim() === "") throw new UserError(`missing ${what}\n\n${commandUsage}`);
  if (text.length > MAX_QUESTION_CHARS) {
    throw new UserError(
      `${what} is ${text.length.toLocaleString("en")} characters long; the limit is ${MAX_QUESTION_CHARS} characters`,
    );
  }
  return text;
}

/** The article of a file, `-` (stdin) or a URL (fetched and extracted), as text and title. */
export async function readArticle(
  source: string,
  stdin: Readable,
  config: Config,
): Promise<{ text: string; title?: string }> {
  return readArticleInput(source, stdin, config);
}

/** A positional that is no file: say how to reach stored stories instead of "no such file". */
export function missingSourceMessage(source: string, command: string): string | undefined {
  // Addresses (and file:, ftp: … which readArticleInput refuses by name) are not missing files.
  if (source === "-" || classifyAddress(source) || existsSync(source)) return undefined;
  return `no article file "${source}". \`newsdesk ${command}\` reads an article file or - (stdin); stories the bot stored are listed with /stories in chat, and /${command} there takes their id`;
}

const contractMatch = (m: WhoSaidMatch) => ({
  quote: m.quote,
  speaker: m.speaker,
  score: m.score,
  ...(m.role ? { role: m.role } : {}),
  speakerConfidence: m.speaker ? (m.speakerConfidence ?? "low") : "low",
  sentence: m.sentence,
});

function quoteLine(quote: string, speaker: string | null, role?: string): string {
  const who = speaker
    ? `**${speaker}**${role && !speaker.includes(role) ? ` (${role})` : ""}`
    : "*speaker not named*";
  return `> ${quote.replace(/\s+/g, " ").trim()}\n\n— ${who}`;
}

function whoMarkdown(fragment: string, result: ReturnType<typeof whoSaid>): string {
  if (!result.matches.length) {
    const lines = [`No quote in this story matches "${fragment}".`];
    if (result.closest) {
      const c = result.closest;
      lines.push(
        "",
        `The closest (score ${c.score.toFixed(2)}, sentence ${c.sentence}):`,
        "",
        quoteLine(c.quote, c.speaker, c.role),
      );
    }
    return `${lines.join("\n")}\n`;
  }
  const [best, ...others] = result.matches;
  const out = [
    `## ${best!.speaker ? `${best!.speakerConfidence === "high" ? "" : "Probably "}${best!.speaker}` : "An unnamed speaker"} said it`,
    "",
    quoteLine(best!.quote, best!.speaker, best!.role),
    "",
    `Sentence ${best!.sentence} · score ${best!.score.toFixed(2)}: ${best!.context}`,
  ];
  if (others.length) {
    out.push("", "Other matches:", "");
    for (const m of others)
      out.push(`- ${m.speaker ?? "unnamed"}: "${m.quote.trim()}" (score ${m.score.toFixed(2)})`);
  }
  return `${out.join("\n")}\n`;
}

/**
 * One `who --jsonl` line ({"id","text","ask"}) → {"matches"}. `npm run eval` calls this same
 * function, so its figures are what the command line gives.
 */
export function whoLineHandler(maxBytes: number) {
  return (line: Record<string, unknown>) => {
    const ask = limitedField(line, "ask", MAX_QUESTION_CHARS);
    const index = indexLineArticle(line, maxBytes);
    return { matches: whoSaid(index, ask).matches.map(contractMatch) };
  };
}

export const whoCommand: CliCommand = {
  name: "who",
  summary: "who said a quote (from a fragment), or the quotes of a speaker",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ask: { type: "string" },
        speaker: { type: "string" },
        title: { type: "string" },
        json: { type: "boolean", default: false },
        jsonl: { type: "boolean", default: false },
      },
    });
    const config = loadConfig(io.env);
    const maxBytes = config.MAX_TEXT_BYTES;
    if (values.jsonl) return runJsonl(io.stdin, io.stdout, whoLineHandler(maxBytes));
    const source = positionals[0];
    if (!source) throw new UserError(`missing the article to search\n\n${usage}`);
    if (values.speaker === undefined) checkFragment(values.ask, "the quote fragment (--ask)");
    else checkFragment(values.speaker, "the speaker (--speaker)");
    const missing = missingSourceMessage(source, "who");
    if (missing) throw new UserError(missing);
    const { text, title } = await readArticle(source, io.stdin, config);
    const index = indexArticle(source, { text, title: values.title ?? title });
    if (values.speaker !== undefined) {
      const quotes = quotesBySpeaker(index, values.speaker);
      if (values.json) io.stdout.write(`${JSON.stringify({ speaker: values.speaker, quotes }, null, 2)}\n`);
      else if (!quotes.length) io.stdout.write(`No quote in this story is by "${values.speaker}".\n`);
      else io.stdout.write(`${quotes.map((q) => quoteLine(q.quote, q.speaker, q.role)).join("\n\n")}\n`);
      return 0;
    }
    const fragment = values.ask!;
    const result = whoSaid(index, fragment);
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify(
          {
            matches: result.matches.map(contractMatch),
            ...(result.closest ? { closest: contractMatch(result.closest) } : {}),
          },
          null,
          2,
        )}\n`,
      );
    } else io.stdout.write(whoMarkdown(fragment, result));
    return 0;
  },
};
