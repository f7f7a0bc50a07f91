/**
 * Bumped whenever the extractive output changes: part of the brief cache key. In a file of its
 * own so the bot's main thread can name it without loading the engine (and its language model),
 * which runs in the worker pool.
 */
export const EXTRACTIVE_ENGINE_VERSION = "extractive-2";
