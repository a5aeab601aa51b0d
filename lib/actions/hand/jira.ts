// Jira Cloud REST API v3 through Atlassian OAuth 2.0 (3LO). Paths are relative to
// https://api.atlassian.com (lib/catalog/apps/atlassian.ts): with an OAuth token, Jira is reached
// at /ex/jira/{cloudid}/rest/api/3/…, so every Jira action needs the site's cloud id as the
// `cloudid` path parameter. JIRA_GET_ACCESSIBLE_RESOURCES lists the sites (and cloud ids) the user
// granted. Checked against https://developer.atlassian.com/cloud/jira/platform/rest/v3/
import { bool, defineActions, int, obj, str, strList } from "./define";

const cloudid = str(
  "Cloud id of the Jira site (the `id` of a site from JIRA_GET_ACCESSIBLE_RESOURCES).",
);
const fieldsList = str(
  'Comma-separated fields to return, e.g. "summary,status,assignee"; "*all" for all, "*navigable" (default) for navigable ones; prefix with "-" to exclude.',
);

export const jiraActions = defineActions("jira", [
  {
    displayName: "Search issues using JQL",
    description:
      'Searches issues with a JQL query (enhanced search, paged by nextPageToken). The JQL must be bounded, e.g. "project = ENG AND status != Done ORDER BY created DESC".',
    method: "POST",
    path: "/ex/jira/{cloudid}/rest/api/3/search/jql",
    contentType: "application/json",
    params: {
      cloudid: { in: "path", schema: cloudid },
      jql: { in: "body", required: true, schema: str("A bounded JQL query.", { minLength: 1 }) },
      maxResults: {
        in: "body",
        schema: int("Page size (default 50; the API may return fewer).", {
          minimum: 1,
          maximum: 5000,
        }),
      },
      nextPageToken: { in: "body", schema: str("`nextPageToken` of the previous page.") },
      fields: {
        in: "body",
        schema: strList(
          'Fields to return, e.g. ["summary", "status", "assignee"]; ["*all"] for all.',
        ),
      },
      expand: {
        in: "body",
        schema: str("Comma-separated expansions, e.g. renderedFields,changelog."),
      },
      fieldsByKeys: { in: "body", schema: bool("Reference fields by key rather than id.") },
    },
    scopes: ["read:jira-work"],
    tags: ["issues", "search"],
  },
  {
    displayName: "Create an issue",
    description:
      "Creates an issue (or sub-task). `fields` needs at least project, issuetype and summary; `description` is an Atlassian Document Format document.",
    method: "POST",
    path: "/ex/jira/{cloudid}/rest/api/3/issue",
    contentType: "application/json",
    params: {
      cloudid: { in: "path", schema: cloudid },
      updateHistory: {
        in: "query",
        schema: bool("Add the project to the user's recently viewed list."),
      },
      fields: {
        in: "body",
        required: true,
        schema: obj(
          'Field values, e.g. { project: { key: "ENG" }, issuetype: { name: "Task" }, summary: "Fix login", description: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "Details" }] }] }, labels: ["bug"], assignee: { accountId: "…" } }; custom fields by id (customfield_10010).',
          {
            required: ["project", "issuetype", "summary"],
            properties: {
              project: obj("{ key } or { id } of the project."),
              issuetype: obj('{ name } or { id } of the issue type, e.g. { name: "Bug" }.'),
              summary: { type: "string", minLength: 1 },
              description: obj("Atlassian Document Format document."),
              parent: obj("{ key } of the parent issue, for a sub-task or child issue."),
              labels: { type: "array", items: { type: "string" } },
              assignee: obj("{ accountId } of the assignee."),
              priority: obj("{ name } or { id } of the priority."),
            },
          },
        ),
      },
      update: {
        in: "body",
        schema: obj("Field operations (add/set/remove…) for fields that support them."),
      },
    },
    scopes: ["write:jira-work"],
    tags: ["issues"],
  },
  {
    displayName: "Get an issue",
    description: "Gets an issue by id or key (e.g. ENG-42) with its fields.",
    method: "GET",
    path: "/ex/jira/{cloudid}/rest/api/3/issue/{issueIdOrKey}",
    params: {
      cloudid: { in: "path", schema: cloudid },
      issueIdOrKey: { in: "path", schema: str("Issue id or key, e.g. ENG-42.") },
      fields: { in: "query", schema: fieldsList },
      expand: {
        in: "query",
        schema: str("Comma-separated expansions, e.g. renderedFields,names,transitions,changelog."),
      },
      properties: { in: "query", schema: str("Comma-separated issue property keys to return.") },
      fieldsByKeys: { in: "query", schema: bool("Reference fields by key rather than id.") },
      updateHistory: {
        in: "query",
        schema: bool("Add the issue to the user's recently viewed list."),
      },
    },
    scopes: ["read:jira-work"],
    tags: ["issues"],
  },
  {
    displayName: "Get accessible resources",
    description:
      "Lists the Atlassian sites the user granted this app, with the cloud `id` that every other Jira action needs.",
    method: "GET",
    path: "/oauth/token/accessible-resources",
    tags: ["sites"],
  },
]);
