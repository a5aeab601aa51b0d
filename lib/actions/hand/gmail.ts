// Gmail API v1, relative to https://gmail.googleapis.com/gmail/v1 (lib/catalog/apps/google.ts).
// `me` is the authenticated user. Checked against
// https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages
import { bool, defineActions, int, str, strList } from "./define";

export const gmailActions = defineActions("gmail", [
  {
    displayName: "Send an email",
    description:
      "Sends an email as the authenticated user. `raw` is the whole message in RFC 2822 format (headers such as To, Subject, Content-Type, a blank line, then the body), base64url-encoded.",
    method: "POST",
    path: "/users/me/messages/send",
    contentType: "application/json",
    params: {
      raw: {
        in: "body",
        required: true,
        schema: str(
          'The RFC 2822 message, base64url-encoded (RFC 4648 §5, padding optional), e.g. the encoding of "To: a@example.com\\r\\nSubject: Hi\\r\\n\\r\\nHello".',
          { pattern: "^[A-Za-z0-9_-]+={0,2}$", minLength: 1 },
        ),
      },
      threadId: {
        in: "body",
        schema: str(
          "Thread to add the message to; the Subject must match and In-Reply-To/References should be set.",
        ),
      },
    },
    scopes: ["https://www.googleapis.com/auth/gmail.send"],
    tags: ["messages"],
  },
  {
    displayName: "List messages",
    description:
      "Lists message ids (and thread ids) in the mailbox, newest first; use GMAIL_GET_A_MESSAGE for the content.",
    method: "GET",
    path: "/users/me/messages",
    params: {
      q: {
        in: "query",
        schema: str(
          'Gmail search query, as in the search box, e.g. "from:alice is:unread newer_than:7d".',
        ),
      },
      maxResults: {
        in: "query",
        schema: int("Page size (1–500, default 100).", { minimum: 1, maximum: 500 }),
      },
      pageToken: { in: "query", schema: str("`nextPageToken` of the previous page.") },
      labelIds: {
        in: "query",
        schema: strList("Only messages with all of these label ids (e.g. INBOX, UNREAD)."),
      },
      includeSpamTrash: { in: "query", schema: bool("Include messages in SPAM and TRASH.") },
    },
    scopes: ["https://www.googleapis.com/auth/gmail.readonly"],
    tags: ["messages"],
  },
  {
    displayName: "Get a message",
    description: "Gets one message by id, with headers and body parts (or raw, per `format`).",
    method: "GET",
    path: "/users/me/messages/{id}",
    params: {
      id: { in: "path", schema: str("Message id, from GMAIL_LIST_MESSAGES.") },
      format: {
        in: "query",
        schema: str(
          "Representation: full (default), metadata, minimal or raw (base64url RFC 2822).",
          {
            enum: ["full", "metadata", "minimal", "raw"],
          },
        ),
      },
      metadataHeaders: {
        in: "query",
        schema: strList("With format=metadata: only these headers (e.g. From, Subject)."),
      },
    },
    scopes: ["https://www.googleapis.com/auth/gmail.readonly"],
    tags: ["messages"],
  },
  {
    displayName: "List labels",
    description: "Lists the mailbox's system and user labels.",
    method: "GET",
    path: "/users/me/labels",
    scopes: ["https://www.googleapis.com/auth/gmail.readonly"],
    tags: ["labels"],
  },
]);
