import type { IncomingHttpHeaders } from "node:http";
import { pipeline, type Readable, type Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { EgressError } from "./errors";

// The buffered result of one egress call.
export interface EgressResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Final URL after redirects. */
  url: string;
  /** Parsed body, or undefined when the body is not JSON. */
  json<T = unknown>(): T | undefined;
  text(): string;
}

function decoderFor(encoding: string | undefined): Transform | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return createGunzip();
    case "deflate":
      return createInflate();
    case "br":
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

// Flattens Node's header object (arrays joined with ", ").
export function flattenHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

// Reads (and decodes) a body, failing with too_large as soon as the cap is passed.
export async function readCapped(
  body: Readable,
  headers: Record<string, string>,
  limit: number,
  host: string,
): Promise<Buffer> {
  const tooLarge = () =>
    new EgressError("too_large", `response from ${host} exceeds ${limit} bytes`);
  if (Number(headers["content-length"]) > limit) {
    body.destroy();
    throw tooLarge();
  }
  const decoder = decoderFor(headers["content-encoding"]);
  const source: Readable = decoder ? pipeline(body, decoder, () => undefined) : body;
  if (decoder) {
    delete headers["content-encoding"];
    delete headers["content-length"];
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > limit) {
      source.destroy();
      body.destroy();
      throw tooLarge();
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}

// Wraps a buffered body in the EgressResponse shape.
export function makeResponse(
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  url: string,
): EgressResponse {
  return {
    status,
    headers,
    body,
    url,
    text: () => body.toString("utf8"),
    json<T = unknown>(): T | undefined {
      try {
        return JSON.parse(body.toString("utf8")) as T;
      } catch {
        return undefined;
      }
    },
  };
}
