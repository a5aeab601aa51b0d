// One declaration per API operation (method, path, query, body, response, summary), and the
// wrapper a route takes its entry through: the API key is checked, then the query string, path
// parameters and JSON body are parsed with the declared schemas before the handler runs, and the
// answer gets the declared status. lib/http/openapi.ts generates the document from the same table.
import { z } from "zod";
import { answer, readJson, withApiKey, type ApiContext } from "./with-api-key";

export type Method = "get" | "post" | "patch" | "delete";

export interface Operation<
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
  P extends Record<string, z.ZodType> = Record<string, z.ZodType>,
  Path extends string = string,
> {
  method: Method;
  /** OpenAPI path template, e.g. /api/v3.1/connected_accounts/{id}. */
  path: Path;
  id: string;
  tag: string;
  summary: string;
  /** The query string's parameters (a z.object); unknown names are ignored. */
  query?: Q;
  /** [component name, schema] of the JSON body. */
  body?: [string, B];
  /** Schemas of path parameters other than plain strings. */
  pathParams?: P;
  /** What a successful answer holds (its schema and a sentence for readers). */
  response: R;
  responseNote: string;
  status?: number;
  /** No API key: the document itself. */
  public?: boolean;
}

/** Declare an operation (keeps its schema types for the route that serves it). */
export function operation<
  const Path extends string,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
  P extends Record<string, z.ZodType> = Record<string, never>,
>(op: Operation<Q, B, R, P, Path>): Operation<Q, B, R, P, Path> {
  return op;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/** The path's `{name}` parameters: strings, or what the declared schema makes of them. */
type PathValues<Path extends string, P> = Path extends `${string}{${infer N}}${infer Rest}`
  ? { [K in N]: K extends keyof P ? Out<P[K]> : string } & PathValues<Rest, P>
  : unknown;

export interface OperationContext<Q, B, Params> extends ApiContext {
  query: Q;
  body: B;
  params: Params;
}

/**
 * The query string as an object for the declared schema: a name given once is a string, given
 * several times (or as `name[]`) an array; list fields (`csvList`) accept both.
 */
function queryObject(schema: z.ZodType, q: URLSearchParams): Record<string, unknown> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(shape)) {
    const values = [...q.getAll(name), ...q.getAll(`${name}[]`)];
    if (values.length === 1) out[name] = values[0];
    else if (values.length > 1) out[name] = values;
  }
  return out;
}

/**
 * Serve a declared operation: `withApiKey`, then the declared query, path parameters and body are
 * parsed (a ZodError becomes a 400 naming each field), then the handler; its answer is sent with
 * the declared status. The handler returns the declared response schema's type, or a Response
 * that renders it (for answers built from pre-serialised parts).
 */
export function apiOperation<
  Path extends string,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
  P extends Record<string, z.ZodType>,
>(
  op: Operation<Q, B, R, P, Path>,
  handler: (
    ctx: OperationContext<Out<Q>, Out<B>, PathValues<Path, P>>,
  ) => Promise<z.input<R> | Response> | z.input<R> | Response,
) {
  return withApiKey<Record<string, string>>(async (ctx, raw) => {
    const params: Record<string, unknown> = { ...raw };
    for (const [name, schema] of Object.entries(op.pathParams ?? {}))
      params[name] = schema.parse(raw[name]);
    const query = op.query
      ? op.query.parse(queryObject(op.query, new URL(ctx.req.url).searchParams))
      : undefined;
    const body = op.body?.[1] ? op.body[1].parse(await readJson(ctx.req)) : undefined;
    const out = await handler({
      ...ctx,
      query: query as Out<Q>,
      body: body as Out<B>,
      params: params as PathValues<Path, P>,
    });
    // A Response is the handler's own rendering of the declared schema (pre-serialised parts).
    return out instanceof Response ? out : answer(ctx.req, out, op.status ?? 200);
  });
}
