// Linear's GraphQL API: every action is POST /graphql relative to https://api.linear.app
// (lib/catalog/apps/linear.ts), with body { query, variables: <parameters> }. Parameters are the
// query's variables, so their names and types follow Linear's schema
// (https://studio.apollographql.com/public/Linear-API/variant/current/schema/reference).
import type { ActionDef } from "../types";
import { bool, defineActions, int, obj, str, strList } from "./define";

const page = {
  first: {
    in: "body",
    schema: int("Page size (1–250, default 50).", { minimum: 1, maximum: 250 }),
  },
  after: { in: "body", schema: str("`pageInfo.endCursor` of the previous page.") },
} as const;

const issueFields = `id identifier title description url priority priorityLabel estimate dueDate
      createdAt updatedAt completedAt
      state { id name type } assignee { id name email } team { id key name }
      project { id name } labels { nodes { id name } }`;

export const linearActions: ActionDef[] = defineActions("linear", [
  {
    displayName: "List issues",
    description:
      'Lists issues the user can see, newest first by default; narrow with an IssueFilter such as { team: { key: { eq: "ENG" } }, state: { type: { eq: "started" } } }.',
    method: "POST",
    path: "/graphql",
    graphql: {
      query: `query ListIssues($first: Int, $after: String, $filter: IssueFilter, $orderBy: PaginationOrderBy, $includeArchived: Boolean) {
  issues(first: $first, after: $after, filter: $filter, orderBy: $orderBy, includeArchived: $includeArchived) {
    nodes { ${issueFields} }
    pageInfo { hasNextPage endCursor }
  }
}`,
    },
    params: {
      ...page,
      filter: { in: "body", schema: obj("IssueFilter (Linear's filtering syntax).") },
      orderBy: {
        in: "body",
        schema: str("createdAt (default) or updatedAt.", { enum: ["createdAt", "updatedAt"] }),
      },
      includeArchived: { in: "body", schema: bool("Include archived issues.") },
    },
    scopes: ["read"],
    tags: ["issues"],
  },
  {
    displayName: "Create an issue",
    description:
      "Creates an issue in a team (team ids come from LINEAR_LIST_TEAMS). `description` is Markdown.",
    method: "POST",
    path: "/graphql",
    graphql: {
      query: `mutation CreateIssue($teamId: String!, $title: String!, $description: String, $assigneeId: String, $priority: Int, $stateId: String, $labelIds: [String!], $projectId: String, $parentId: String, $dueDate: TimelessDate, $estimate: Int) {
  issueCreate(input: { teamId: $teamId, title: $title, description: $description, assigneeId: $assigneeId, priority: $priority, stateId: $stateId, labelIds: $labelIds, projectId: $projectId, parentId: $parentId, dueDate: $dueDate, estimate: $estimate }) {
    success
    issue { ${issueFields} }
  }
}`,
    },
    params: {
      teamId: { in: "body", required: true, schema: str("Team id.") },
      title: { in: "body", required: true, schema: str("Issue title.", { minLength: 1 }) },
      description: { in: "body", schema: str("Issue description in Markdown.") },
      assigneeId: { in: "body", schema: str("User id of the assignee.") },
      priority: {
        in: "body",
        schema: int("0 none, 1 urgent, 2 high, 3 medium, 4 low.", { minimum: 0, maximum: 4 }),
      },
      stateId: {
        in: "body",
        schema: str("Workflow state id (defaults to the team's first state)."),
      },
      labelIds: { in: "body", schema: strList("Label ids.") },
      projectId: { in: "body", schema: str("Project id.") },
      parentId: { in: "body", schema: str("Parent issue id, to create a sub-issue.") },
      dueDate: { in: "body", schema: str("Due date, yyyy-mm-dd.", { format: "date" }) },
      estimate: { in: "body", schema: int("Estimate in the team's estimation points.") },
    },
    scopes: ["write"],
    tags: ["issues"],
  },
  {
    displayName: "Get the viewer",
    description: "Gets the authenticated user and their organization.",
    method: "POST",
    path: "/graphql",
    graphql: {
      query: `query Viewer {
  viewer { id name displayName email active admin createdAt organization { id name urlKey } }
}`,
    },
    scopes: ["read"],
    tags: ["users"],
  },
  {
    displayName: "List teams",
    description: "Lists the teams the user belongs to, with the ids LINEAR_CREATE_AN_ISSUE needs.",
    method: "POST",
    path: "/graphql",
    graphql: {
      query: `query ListTeams($first: Int, $after: String) {
  teams(first: $first, after: $after) {
    nodes { id key name description }
    pageInfo { hasNextPage endCursor }
  }
}`,
    },
    params: { ...page },
    scopes: ["read"],
    tags: ["teams"],
  },
]);
