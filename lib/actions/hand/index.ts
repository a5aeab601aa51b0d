// Every hand-declared action, by app key (apps without a usable OpenAPI description).
import type { ActionDef } from "../types";
import { gmailActions } from "./gmail";
import { googlecalendarActions } from "./googlecalendar";
import { hubspotActions } from "./hubspot";
import { jiraActions } from "./jira";
import { linearActions } from "./linear";
import { notionActions } from "./notion";
import { slackActions } from "./slack";
import { stripeActions } from "./stripe";

export const handActions: Readonly<Record<string, readonly ActionDef[]>> = {
  gmail: gmailActions,
  googlecalendar: googlecalendarActions,
  hubspot: hubspotActions,
  jira: jiraActions,
  linear: linearActions,
  notion: notionActions,
  slack: slackActions,
  stripe: stripeActions,
};
