import { z } from "zod";

/**
 * What the model must return, as zod schemas (validation) and as JSON Schemas (the
 * `response_format` of structured outputs). The JSON Schemas are written out by hand because
 * strict structured outputs need every property required and `additionalProperties: false`.
 */

// Lenient where servers without structured outputs differ harmlessly: ids as "3" or "s3", a
// missing list or speaker. No maximum lengths: a long answer is truncated, not thrown away.
const id = z.preprocess(
  (v) => (typeof v === "string" && /^\s*\[?s?\d+\]?\s*$/i.test(v) ? Number(v.replace(/\D/g, "")) : v),
  z.number().int(),
);
const ids = z
  .preprocess((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]), z.array(id))
  .transform((a) => a.slice(0, 20));

export const modelBriefSchema = z.object({
  keyPoints: z.array(z.object({ text: z.string(), sentences: ids })).transform((a) => a.slice(0, 12)),
  quotes: z
    .array(
      z.object({
        quote: z.string(),
        speaker: z
          .string()
          .nullish()
          .transform((v) => v ?? null),
        role: z.string().nullable().optional(),
        sentence: id,
      }),
    )
    .default([])
    .transform((a) => a.slice(0, 100)),
  openQuestions: z
    .array(z.object({ question: z.string(), sentences: ids }))
    .default([])
    .transform((a) => a.slice(0, 8)),
});
export type ModelBrief = z.infer<typeof modelBriefSchema>;

export const modelAnswerSchema = z.object({
  supported: z.boolean(),
  answer: z
    .string()
    .nullish()
    .transform((v) => v ?? ""),
  sentences: ids,
});
export type ModelAnswer = z.infer<typeof modelAnswerSchema>;

const idArray = { type: "array", items: { type: "integer" } } as const;

export const briefJsonSchema = {
  name: "story_brief",
  strict: true,
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["keyPoints", "quotes", "openQuestions"],
    properties: {
      keyPoints: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["text", "sentences"],
          properties: { text: { type: "string" }, sentences: idArray },
        },
      },
      quotes: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["quote", "speaker", "role", "sentence"],
          properties: {
            quote: { type: "string" },
            speaker: { type: ["string", "null"] },
            role: { type: ["string", "null"] },
            sentence: { type: "integer" },
          },
        },
      },
      openQuestions: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["question", "sentences"],
          properties: { question: { type: "string" }, sentences: idArray },
        },
      },
    },
  },
} as const;

export const answerJsonSchema = {
  name: "story_answer",
  strict: true,
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["supported", "answer", "sentences"],
    properties: {
      supported: { type: "boolean" },
      answer: { type: "string" },
      sentences: idArray,
    },
  },
} as const;

/**
 * Parses the model's JSON. Servers in JSON mode (or none) sometimes wrap it in a Markdown fence
 * or add a sentence around it, so the outermost `{…}` is taken when the whole does not parse.
 */
export function parseModelJson<T>(content: string, schema: z.ZodType<T>): T | undefined {
  const candidates = [content.trim()];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content);
  if (fenced) candidates.push(fenced[1].trim());
  const first = content.indexOf("{");
  const last = content.lastIndexOf("}");
  if (first >= 0 && last > first) candidates.push(content.slice(first, last + 1));
  for (const candidate of candidates) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}
