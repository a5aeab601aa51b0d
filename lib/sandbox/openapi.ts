// The OpenAPI 3.0 description of the sandbox notes API (Keyport generates actions from it).

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const security = [{ bearerAuth: [] }, { apiKeyAuth: [] }];
const unauthorized = errorResponse("Missing, invalid, expired or revoked credentials");
const forbidden = errorResponse("The token lacks the required scope");

/** Builds the OpenAPI document for a sandbox served at `issuer`. */
export function openApiDocument(issuer: string): Record<string, unknown> {
  return {
    openapi: "3.0.3",
    info: {
      title: "Keyport sandbox API",
      version: "1.0.0",
      description:
        "A small notes API protected by the sandbox OAuth 2.0 server. Scopes: notes:read, notes:write.",
    },
    servers: [{ url: issuer }],
    security,
    paths: {
      "/api/me": {
        get: {
          operationId: "getMe",
          summary: "Get the authenticated user",
          security,
          responses: {
            "200": json("The user the credentials belong to", "User"),
            "401": unauthorized,
          },
        },
      },
      "/api/notes": {
        get: {
          operationId: "listNotes",
          summary: "List notes",
          description: "Newest first. Requires the notes:read scope.",
          security,
          parameters: [
            {
              name: "limit",
              in: "query",
              required: false,
              description: "Maximum number of notes to return (1–100, default 50).",
              schema: { type: "integer", minimum: 1, maximum: 100, default: 50 },
            },
          ],
          responses: {
            "200": json("The user's notes", "NoteList"),
            "400": errorResponse("Invalid query parameter"),
            "401": unauthorized,
            "403": forbidden,
          },
        },
        post: {
          operationId: "createNote",
          summary: "Create a note",
          description: "Requires the notes:write scope.",
          security,
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/NewNote" } } },
          },
          responses: {
            "201": json("The created note", "Note"),
            "400": errorResponse("Invalid JSON or body"),
            "401": unauthorized,
            "403": forbidden,
            "413": errorResponse("Body larger than 1 MB"),
          },
        },
      },
      "/api/notes/{id}": {
        delete: {
          operationId: "deleteNote",
          summary: "Delete a note",
          description: "Requires the notes:write scope.",
          security,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "204": { description: "Deleted" },
            "401": unauthorized,
            "403": forbidden,
            "404": errorResponse("No such note for this user"),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "OAuth 2.0 access token" },
        apiKeyAuth: { type: "apiKey", in: "header", name: "x-api-key" },
      },
      schemas: {
        User: {
          type: "object",
          required: ["id", "username", "name"],
          properties: {
            id: { type: "string" },
            username: { type: "string" },
            name: { type: "string" },
          },
        },
        Note: {
          type: "object",
          required: ["id", "title", "body", "created_at"],
          properties: {
            id: { type: "string" },
            title: { type: "string" },
            body: { type: "string" },
            created_at: { type: "string", format: "date-time" },
          },
        },
        NoteList: {
          type: "object",
          required: ["items"],
          properties: { items: { type: "array", items: { $ref: "#/components/schemas/Note" } } },
        },
        NewNote: {
          type: "object",
          required: ["title"],
          properties: {
            title: { type: "string", minLength: 1, maxLength: 200 },
            body: { type: "string", maxLength: 10000 },
          },
        },
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: { error: { type: "string" }, message: { type: "string" } },
        },
      },
    },
  };
}

function json(description: string, schema: string) {
  return {
    description,
    content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } },
  };
}
