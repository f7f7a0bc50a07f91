import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { FetchError, formatBytes } from "./errors.js";

/** Drops a body we will not read; the error destroy() makes undici emit is expected, not news. */
export function discardBody(body: Readable): void {
  body.on("error", () => {});
  body.destroy();
}

/**
 * Reads a response body, decompressing gzip/deflate/brotli, and stops as soon as the
 * *decompressed* size passes the limit: a small compressed bomb is refused as soon as it grows,
 * and an endless body is cut at the limit rather than read forever.
 */
export async function readLimitedBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  url: string,
): Promise<Buffer> {
  const encoding = (contentEncoding ?? "").trim().toLowerCase();
  let stream: Readable = body;
  if (encoding === "gzip" || encoding === "x-gzip") stream = body.pipe(createGunzip());
  else if (encoding === "deflate") stream = body.pipe(createInflate());
  else if (encoding === "br") stream = body.pipe(createBrotliDecompress());
  else if (encoding && encoding !== "identity") {
    discardBody(body);
    throw new FetchError(
      "decode",
      `the site sent the page in an encoding Newsdesk cannot read (${encoding})`,
      { url },
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        throw new FetchError(
          "too_large",
          `the page is larger than the limit of ${formatBytes(maxBytes)} (FETCH_MAX_BYTES)`,
          {
            url,
          },
        );
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    discardBody(body);
    if (stream !== body) discardBody(stream);
    if (err instanceof FetchError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? "";
    if (code.startsWith("Z_") || code.startsWith("ERR_BROTLI") || code === "ERR__ERROR_FORMAT_PADDING_1") {
      throw new FetchError("decode", `the site sent a corrupt ${encoding} body`, { url });
    }
    throw err;
  }
  return Buffer.concat(chunks);
}
