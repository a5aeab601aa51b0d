// Slack Web API, relative to https://slack.com/api (lib/catalog/apps/slack.ts). Read methods take
// their arguments as query parameters; chat.postMessage takes a JSON body (bearer token + JSON is
// documented for write methods). Slack answers HTTP 200 with `ok: false` on errors.
// Checked against https://docs.slack.dev/reference/methods/
import { bool, defineActions, int, str } from "./define";

const cursor = str("Pagination cursor: `response_metadata.next_cursor` of the previous page.");

export const slackActions = defineActions("slack", [
  {
    displayName: "Send a message",
    description:
      "Sends a message to a channel, private group or DM (chat.postMessage). Give `text`, `blocks` or both; `text` is the notification fallback when `blocks` are used.",
    method: "POST",
    path: "/chat.postMessage",
    contentType: "application/json",
    params: {
      channel: {
        in: "body",
        required: true,
        schema: str(
          "Channel, private group or IM channel id (e.g. C0123456789), or a channel name.",
        ),
      },
      text: {
        in: "body",
        schema: str("Message text (mrkdwn). Required unless `blocks` is given."),
      },
      blocks: {
        in: "body",
        schema: {
          type: "array",
          items: { type: "object" },
          description: "Block Kit layout blocks (https://docs.slack.dev/block-kit/).",
        },
      },
      thread_ts: {
        in: "body",
        schema: str("Timestamp (`ts`) of the parent message, to reply in its thread."),
      },
      reply_broadcast: {
        in: "body",
        schema: bool("With `thread_ts`: also post the reply to the channel."),
      },
      mrkdwn: { in: "body", schema: bool("Parse `text` as mrkdwn (default true).") },
      unfurl_links: { in: "body", schema: bool("Unfurl text-based links.") },
      unfurl_media: { in: "body", schema: bool("Unfurl media links.") },
    },
    scopes: ["chat:write"],
    tags: ["chat", "messages"],
  },
  {
    displayName: "List conversations",
    description:
      "Lists the channels in the workspace (conversations.list): public channels by default; set `types` for private channels, DMs and group DMs.",
    method: "GET",
    path: "/conversations.list",
    params: {
      types: {
        in: "query",
        schema: str(
          "Comma-separated mix of public_channel, private_channel, mpim, im (default public_channel).",
          {
            pattern:
              "^(public_channel|private_channel|mpim|im)(,(public_channel|private_channel|mpim|im))*$",
          },
        ),
      },
      exclude_archived: { in: "query", schema: bool("Leave archived channels out.") },
      limit: {
        in: "query",
        schema: int("Page size (1–1000, default 100).", { minimum: 1, maximum: 1000 }),
      },
      cursor: { in: "query", schema: cursor },
      team_id: { in: "query", schema: str("Workspace id, for org-wide apps.") },
    },
    scopes: ["channels:read", "groups:read", "im:read", "mpim:read"],
    tags: ["conversations"],
  },
  {
    displayName: "Get user info",
    description: "Gets a user's profile and account details by user id (users.info).",
    method: "GET",
    path: "/users.info",
    params: {
      user: { in: "query", required: true, schema: str("User id, e.g. U0123456789.") },
      include_locale: { in: "query", schema: bool("Include the user's locale.") },
    },
    scopes: ["users:read"],
    tags: ["users"],
  },
  {
    displayName: "Fetch conversation history",
    description:
      "Lists the messages of a channel or conversation, newest first (conversations.history).",
    method: "GET",
    path: "/conversations.history",
    params: {
      channel: { in: "query", required: true, schema: str("Conversation id, e.g. C0123456789.") },
      limit: {
        in: "query",
        schema: int("Page size (1–999, default 100).", { minimum: 1, maximum: 999 }),
      },
      cursor: { in: "query", schema: cursor },
      oldest: {
        in: "query",
        schema: str("Only messages after this Unix timestamp (e.g. 1712345678.000100)."),
      },
      latest: { in: "query", schema: str("Only messages before this Unix timestamp.") },
      inclusive: { in: "query", schema: bool("Include messages exactly at `oldest` or `latest`.") },
    },
    scopes: ["channels:history", "groups:history", "im:history", "mpim:history"],
    tags: ["conversations", "messages"],
  },
  {
    displayName: "List users",
    description: "Lists the users of the workspace, deactivated ones included (users.list).",
    method: "GET",
    path: "/users.list",
    params: {
      limit: { in: "query", schema: int("Page size (at most 200 recommended).", { minimum: 1 }) },
      cursor: { in: "query", schema: cursor },
      include_locale: { in: "query", schema: bool("Include each user's locale.") },
    },
    scopes: ["users:read"],
    tags: ["users"],
  },
]);
