import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { answerQuestion, type QuestionAnswer } from "../core/qa/answer.js";
import { indexArticle } from "../core/qa/article.js";
import { MAX_QUESTION_CHARS } from "../core/qa/question.js";
import { runJsonl } from "./jsonl.js";
import { indexLineArticle, limitedField } from "./jsonl-article.js";
import { type CliCommand, UserError } from "./types.js";
import { usages } from "./usage.js";
import { checkFragment, missingSourceMessage, readArticle } from "./who.js";

const usage = usages.ask;

function askMarkdown(question: string, a: QuestionAnswer): string {
  if (a.answer === null) return `Not in the story: the article does not answer "${question}".\n`;
  const lines = [`**${a.answer}**`, "", "From the story:", ""];
  for (const s of a.sentences) lines.push(`- (sentence ${s.id}) ${s.text}`);
  return `${lines.join("\n")}\n`;
}

const contractAnswer = (a: QuestionAnswer) => ({
  answer: a.answer,
  sentences: a.sentences.map((s) => s.text),
});

/**
 * One `ask --jsonl` line ({"id","text","question","title"?}) → {"answer","sentences"}. `npm run
 * eval` calls this same function, so its figures are what the command line gives.
 */
export function askLineHandler(maxBytes: number) {
  return (line: Record<string, unknown>): { answer: string | null; sentences: string[] } => {
    const question = limitedField(line, "question", MAX_QUESTION_CHARS);
    if (question.trim() === "") throw new Error(`"question" is empty`);
    const index = indexLineArticle(line, maxBytes);
    return contractAnswer(answerQuestion(index, question));
  };
}

export const askCommand: CliCommand = {
  name: "ask",
  summary: "answer a question from an article, citing its sentences",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        question: { type: "string", short: "q" },
        title: { type: "string" },
        json: { type: "boolean", default: false },
        jsonl: { type: "boolean", default: false },
      },
    });
    const config = loadConfig(io.env);
    const maxBytes = config.MAX_TEXT_BYTES;
    if (values.jsonl) return runJsonl(io.stdin, io.stdout, askLineHandler(maxBytes));
    const source = positionals[0];
    if (!source) throw new UserError(`missing the article to ask about\n\n${usage}`);
    const question = checkFragment(values.question, "the question (--question)", usage);
    const missing = missingSourceMessage(source, "ask");
    if (missing) throw new UserError(missing);
    const { text, title } = await readArticle(source, io.stdin, config);
    const result = answerQuestion(indexArticle(source, { text, title: values.title ?? title }), question);
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({ ...contractAnswer(result), ids: result.sentences.map((s) => s.id), ...(result.span ? { span: result.span.text } : {}) }, null, 2)}\n`,
      );
    } else io.stdout.write(askMarkdown(question, result));
    return 0;
  },
};
