import { words } from "./minhash.js";

/**
 * Story clustering: do two articles report the same event? Different outlets word an event
 * differently, and different events often involve the same people, so neither shared names nor
 * raw text similarity decides alone. The decision combines:
 *  - event similarity: cosine of the articles' content words *without* the entity names (what
 *    happened: "bridge", "reopened", "cables"), so shared people do not make events look alike;
 *  - shared named entities (who and where);
 *  - a time window: reports of one event are published close together.
 */

export interface StoryFeatures {
  id: string;
  /** Epoch milliseconds of publication (or ingestion when the date is unknown). */
  time: number;
  /** Entity names and aliases as the brief gives them. */
  entities: string[];
  /** Title and text. */
  title: string;
  text: string;
}

export interface StoryOptions {
  /** Articles further apart than this are never one story (default 48 h). */
  windowMs: number;
  /** Event similarity that suffices with at least one shared entity (default 0.3). */
  withEntities: number;
  /** Event similarity that suffices on its own (default 0.5). */
  alone: number;
}

export const DEFAULT_STORY_OPTIONS: StoryOptions = { windowMs: 48 * 3600_000, withEntities: 0.3, alone: 0.5 };

const STOPWORDS = new Set(
  (
    "a an and are as at be been but by for from has have had he her his i in into is it its of on or our " +
    "she so than that the their them there these they this those to was we were what when where which who " +
    "will with would you your not no said says say told also after before over about more most new one two " +
    "just can could may might should did do does been being than then out up down off its it's mr mrs ms " +
    "year years week weeks day days time monday tuesday wednesday thursday friday saturday sunday"
  ).split(" "),
);

/** Light stemming: enough to meet "repairs"/"repair", "reopened"/"reopens". */
function stem(w: string): string {
  if (w.length > 5 && w.endsWith("ing")) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith("ed")) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith("es")) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

export interface StoryVector {
  id: string;
  time: number;
  entities: Set<string>;
  weights: Map<string, number>;
  norm: number;
}

/** Content-word vector of an article, entity names removed; the title counts three times. */
export function storyVector(f: StoryFeatures): StoryVector {
  const entityWords = new Set<string>();
  const entities = new Set<string>();
  for (const name of f.entities) {
    const ws = words(name);
    if (ws.length) entities.add(ws.join(" "));
    for (const w of ws) entityWords.add(w);
  }
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const w of words(text)) {
      if (w.length < 3 || STOPWORDS.has(w) || entityWords.has(w) || /^\d+$/.test(w)) continue;
      const s = stem(w);
      weights.set(s, (weights.get(s) ?? 0) + weight);
    }
  };
  add(f.title, 3);
  add(f.text, 1);
  // Sub-linear term frequency: one word repeated twenty times should not dominate.
  let norm = 0;
  for (const [k, v] of weights) {
    const d = 1 + Math.log(v);
    weights.set(k, d);
    norm += d * d;
  }
  return { id: f.id, time: f.time, entities, weights, norm: Math.sqrt(norm) };
}

export function cosine(a: StoryVector, b: StoryVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of small.weights) {
    const w = large.weights.get(k);
    if (w) dot += v * w;
  }
  return dot / (a.norm * b.norm);
}

export function sharedEntities(a: StoryVector, b: StoryVector): number {
  let n = 0;
  for (const e of a.entities) if (b.entities.has(e)) n++;
  return n;
}

export interface StoryMatch {
  same: boolean;
  similarity: number;
  shared: number;
  reason: string;
}

export function compareStories(
  a: StoryVector,
  b: StoryVector,
  opts: StoryOptions = DEFAULT_STORY_OPTIONS,
): StoryMatch {
  const similarity = cosine(a, b);
  const shared = sharedEntities(a, b);
  if (Math.abs(a.time - b.time) > opts.windowMs)
    return { same: false, similarity, shared, reason: "outside the time window" };
  if (similarity >= opts.alone)
    return { same: true, similarity, shared, reason: "same wording of the event" };
  if (shared >= 1 && similarity >= opts.withEntities)
    return { same: true, similarity, shared, reason: "same people and event" };
  return {
    same: false,
    similarity,
    shared,
    reason: shared ? "same people, different event" : "different event",
  };
}

/**
 * Groups articles into stories, oldest first: each article joins the story holding its best
 * match (if any match), else starts a new one. Returns story member ids, in input-time order.
 */
export function clusterStories(
  articles: StoryFeatures[],
  opts: StoryOptions = DEFAULT_STORY_OPTIONS,
): string[][] {
  const vectors = articles.map(storyVector).sort((x, y) => x.time - y.time);
  const stories: StoryVector[][] = [];
  for (const v of vectors) {
    let best: { story: StoryVector[]; score: number } | undefined;
    for (const story of stories) {
      for (const member of story) {
        const m = compareStories(v, member, opts);
        if (m.same && (!best || m.similarity > best.score)) best = { story, score: m.similarity };
      }
    }
    if (best) best.story.push(v);
    else stories.push([v]);
  }
  return stories.map((s) => s.map((v) => v.id));
}
