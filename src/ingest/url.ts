/**
 * Whether input is a web address, without loading anything else of ingest: chat commands and the
 * CLI ask this before any fetch, and the extraction stack should load only when a page arrives.
 */

/** Whether a command argument is a web address rather than a file path. */
export function isUrlSource(source: string): boolean {
  return /^https?:\/\//i.test(source.trim());
}

/** What to say when an argument that must be a web address is not one. */
export const notWebAddress = (input: string): string =>
  `"${input}" is not a web address (expected http:// or https://)`;
