// GET /api/v3.1/openapi.json – the OpenAPI 3.1 document of this API, generated from its zod schemas
// Public on purpose: it describes routes and fields, holds no project data, and tools that read it
// (Swagger UI, Prism, code generators) fetch it without a key.
import { openApiDocument } from "@/lib/http/openapi";
import { json } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return json(openApiDocument());
}
