/**
 * OPML limits, apart from the parser: commands and adapters check sizes before reading a file,
 * and importing them must not load the XML parser into every bot that never imports a list.
 */

/** Most feeds one OPML import follows; a bigger file is refused as a whole, with the limit named. */
export const OPML_MAX_FEEDS = 500;
/** Largest OPML document read (a list of 500 feeds is well under 200 kB). */
export const OPML_MAX_BYTES = 1024 * 1024;
