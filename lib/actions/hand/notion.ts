// Notion API, relative to https://api.notion.com/v1 (lib/catalog/apps/notion.ts, which sends
// Notion-Version 2025-09-03: databases hold "data sources", and a database row's parent is a
// data source). Checked against https://developers.notion.com/reference
import { defineActions, int, obj, str, strList } from "./define";

const pageId = str(
  "Page id (the 32 hex digits at the end of the page URL, with or without dashes).",
);

export const notionActions = defineActions("notion", [
  {
    displayName: "Search",
    description:
      "Searches the pages and data sources shared with the integration by title; an empty query lists them all.",
    method: "POST",
    path: "/search",
    contentType: "application/json",
    params: {
      query: { in: "body", schema: str("Text to look for in titles.") },
      filter: {
        in: "body",
        schema: obj(
          'Only one kind of result: { property: "object", value: "page" | "data_source" }.',
          {
            required: ["property", "value"],
            properties: {
              property: { type: "string", enum: ["object"] },
              value: { type: "string", enum: ["page", "data_source"] },
            },
            additionalProperties: false,
          },
        ),
      },
      sort: {
        in: "body",
        schema: obj('{ direction: "ascending" | "descending", timestamp: "last_edited_time" }.', {
          properties: {
            direction: { type: "string", enum: ["ascending", "descending"] },
            timestamp: { type: "string", enum: ["last_edited_time"] },
          },
        }),
      },
      start_cursor: { in: "body", schema: str("`next_cursor` of the previous page.") },
      page_size: {
        in: "body",
        schema: int("Page size (1–100, default 100).", { minimum: 1, maximum: 100 }),
      },
    },
    tags: ["search"],
  },
  {
    displayName: "Create a page",
    description:
      "Creates a page under a page, or a row in a data source (database), with properties and optional content blocks.",
    method: "POST",
    path: "/pages",
    contentType: "application/json",
    params: {
      parent: {
        in: "body",
        required: true,
        schema: obj(
          "Where the page goes: { page_id } for a sub-page, or { data_source_id } (or { database_id } of a single-source database) for a database row.",
          {
            properties: {
              page_id: { type: "string" },
              data_source_id: { type: "string" },
              database_id: { type: "string" },
            },
            minProperties: 1,
          },
        ),
      },
      properties: {
        in: "body",
        schema: obj(
          'Property values keyed by name or id. Under a page only the title: { "title": { "title": [{ "text": { "content": "My page" } }] } }; in a data source, its properties.',
        ),
      },
      children: {
        in: "body",
        schema: {
          type: "array",
          items: { type: "object" },
          maxItems: 100,
          description:
            'Content blocks, e.g. { "object": "block", "type": "paragraph", "paragraph": { "rich_text": [{ "type": "text", "text": { "content": "Hello" } }] } }.',
        },
      },
      icon: { in: "body", schema: obj('Icon, e.g. { "type": "emoji", "emoji": "📝" }.') },
      cover: {
        in: "body",
        schema: obj(
          'Cover image, e.g. { "type": "external", "external": { "url": "https://…" } }.',
        ),
      },
    },
    tags: ["pages"],
  },
  {
    displayName: "Retrieve a page",
    description:
      "Retrieves a page's properties (not its content: list its block children for that).",
    method: "GET",
    path: "/pages/{page_id}",
    params: {
      page_id: { in: "path", schema: pageId },
      filter_properties: {
        in: "query",
        schema: strList("Only these property ids in the response."),
      },
    },
    tags: ["pages"],
  },
  {
    displayName: "Append block children",
    description: "Appends content blocks to a page or block (at most 100 per call).",
    method: "PATCH",
    path: "/blocks/{block_id}/children",
    contentType: "application/json",
    params: {
      block_id: { in: "path", schema: str("Page or block id.") },
      children: {
        in: "body",
        required: true,
        schema: {
          type: "array",
          items: { type: "object" },
          minItems: 1,
          maxItems: 100,
          description: "Block objects, as in NOTION_CREATE_A_PAGE `children`.",
        },
      },
      after: { in: "body", schema: str("Insert after this child block id instead of at the end.") },
    },
    tags: ["blocks"],
  },
]);
