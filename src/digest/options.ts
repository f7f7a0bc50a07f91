import { z } from "zod";

/**
 * A channel's digest options (`/digest set stories:5 layout:compact sections:points,quote`),
 * kept as JSON on the channel (migration 005). Absent fields take the defaults.
 */
export const DIGEST_SECTIONS = ["points", "quote", "question"] as const;
export type DigestSection = (typeof DIGEST_SECTIONS)[number];
export const DIGEST_LAYOUTS = ["full", "compact"] as const;
/** The most stories one digest may show (one chat message's worth). */
export const MAX_DIGEST_STORIES = 25;

export const digestOptionsSchema = z.object({
  stories: z.number().int().min(1).max(MAX_DIGEST_STORIES).optional(),
  sections: z.array(z.enum(DIGEST_SECTIONS)).min(1).optional(),
  layout: z.enum(DIGEST_LAYOUTS).optional(),
});
export type StoredDigestOptions = z.infer<typeof digestOptionsSchema>;

export interface DigestOptions {
  /** undefined: the DIGEST_MAX_STORIES default. */
  stories?: number;
  sections: readonly DigestSection[];
  layout: (typeof DIGEST_LAYOUTS)[number];
}

export const DEFAULT_DIGEST_OPTIONS: DigestOptions = { sections: DIGEST_SECTIONS, layout: "full" };

/** The stored JSON as options; anything unreadable falls back to the defaults. */
export function digestOptionsOf(stored: unknown): DigestOptions {
  const parsed = digestOptionsSchema.safeParse(stored ?? {});
  const o = parsed.success ? parsed.data : {};
  const layout = o.layout ?? "full";
  return {
    ...(o.stories ? { stories: o.stories } : {}),
    // Compact is one key point per story unless sections were chosen as well.
    sections: o.sections ?? (layout === "compact" ? ["points"] : DIGEST_SECTIONS),
    layout,
  };
}

export class DigestOptionsError extends Error {}

/** `sections:points,quote` → ["points", "quote"]; names what was not understood. */
export function parseSections(input: string): DigestSection[] {
  const names = input
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .map((s) => SECTION_ALIASES[s] ?? s);
  const unknown = names.filter((n) => !(DIGEST_SECTIONS as readonly string[]).includes(n));
  if (unknown.length || !names.length)
    throw new DigestOptionsError(
      `"${unknown[0] ?? input}" is not a digest section; the sections are ${DIGEST_SECTIONS.join(", ")}`,
    );
  return [...new Set(names as DigestSection[])];
}

const SECTION_ALIASES: Record<string, DigestSection> = {
  "key-points": "points",
  keypoints: "points",
  point: "points",
  quotes: "quote",
  questions: "question",
  "open-question": "question",
};

/** "5 stories, compact, sections: key points, quote" for /digest show and /digest set replies. */
export function describeDigestOptions(o: DigestOptions, defaultStories: number): string {
  const labels: Record<DigestSection, string> = {
    points: "key points",
    quote: "quote",
    question: "open question",
  };
  return `${o.stories ?? defaultStories} stories at most, ${o.layout} layout, showing ${o.sections.map((s) => labels[s]).join(", ")}`;
}
