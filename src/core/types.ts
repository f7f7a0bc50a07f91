/**
 * Domain types shared by every layer. Pure data, no behaviour: `src/core` never does I/O,
 * and these shapes are what ingest produces, the engines consume, the store persists and
 * the renderers turn into chat messages.
 */

/** Where an article came from. */
export type ArticleSource = "url" | "feed" | "paste" | "file";

/** One document after ingest: clean text plus whatever metadata the page gave. */
export interface Article {
  /** Stable id: content hash prefix unless the store assigned one. */
  id: string;
  title: string;
  text: string;
  /** sha256 hex of the normalised text; identifies identical content. */
  contentHash: string;
  source: ArticleSource;
  url?: string;
  canonicalUrl?: string;
  byline?: string;
  /** ISO 8601 timestamps when known. */
  published?: string;
  updated?: string;
  siteName?: string;
  /** BCP 47 language tag (e.g. "en") when known. */
  language?: string;
}

/** A sentence of the normalised text. Offsets are into `PreparedText.text`. */
export interface Sentence {
  id: number;
  text: string;
  start: number;
  end: number;
  /** 0-based paragraph index. */
  paragraph: number;
}

export interface Paragraph {
  index: number;
  start: number;
  end: number;
}

/** The normalised article text, split into paragraphs and numbered sentences. */
export interface PreparedText {
  /** The text as given (after decoding); quotes are reported as slices of this. */
  original: string;
  /** Normalised text: Unicode normalised, boilerplate removed, paragraphs kept. */
  text: string;
  /** For each index of `text` (and text.length), the matching index in `original`. */
  toOriginal: Int32Array;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  /** The headline, when the first line looked like one (it is then not part of `text`). */
  title?: string;
  /** Best guess of the language ("en", "de", … or "und"). */
  language: string;
  /** Boilerplate lines that were removed (kept for debugging and tests). */
  removed: string[];
}

export type EntityType = "person" | "organisation" | "place";

export interface Entity {
  /** Fullest form the article gives ("Benjamin Netanyahu"). */
  name: string;
  type: EntityType;
  /** Role or title the article gives ("national security adviser"). */
  role?: string;
  /** Other forms that refer to it ("Netanyahu", "Bibi"). */
  aliases: string[];
  /** Sentence ids where it is mentioned. */
  sentences: number[];
}

export interface KeyPoint {
  text: string;
  sentences: number[];
  /** Article id, for multi-article stories. */
  article?: string;
}

export interface Quote {
  /** Verbatim text between the quotation marks (a slice of the original input). */
  quote: string;
  /** Fullest name or description the article gives; null when unknown. */
  speaker: string | null;
  role?: string;
  /**
   * How sure the attribution is: "high" when a speech verb names the speaker beside the quote,
   * "low" for a guess (a pronoun resolved back, a name nearby). Chat shows "low" as a guess.
   * Absent when there is no speaker, and on briefs stored before it existed (read as "low").
   */
  speakerConfidence?: "high" | "low";
  /** Sentence id where the quote starts. */
  sentence: number;
  /** Offsets of the quote in `PreparedText.text`. */
  start: number;
  end: number;
  article?: string;
}

export interface OpenQuestion {
  question: string;
  sentences: number[];
  article?: string;
}

export type EngineName = "extractive" | "llm";

/** What the bot says about a story. Validated by `storyBriefSchema` in ./brief-schema.ts. */
export interface StoryBrief {
  title: string;
  engine: EngineName;
  /** Version of the engine (or model + prompt version) that produced it; part of the cache key. */
  engineVersion: string;
  language: string;
  keyPoints: KeyPoint[];
  quotes: Quote[];
  openQuestions: OpenQuestion[];
  entities: Entity[];
  /** Short notes for the user ("summary without LLM: the model did not answer"). */
  notes: string[];
  /** Items the grounding check dropped (LLM engine only). */
  dropped?: number;
}
