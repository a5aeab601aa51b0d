// Every built-in (origin-independent) app, one module per app or family.
import type { AppDef } from "../types";
import { airtable } from "./airtable";
import { asana } from "./asana";
import { confluence, jira } from "./atlassian";
import { bitbucket } from "./bitbucket";
import { box } from "./box";
import { calendly } from "./calendly";
import { clickup } from "./clickup";
import { discord } from "./discord";
import { dropbox } from "./dropbox";
import { figma } from "./figma";
import { github } from "./github";
import { gitlab } from "./gitlab";
import { googleApps } from "./google";
import { hubspot } from "./hubspot";
import { intercom } from "./intercom";
import { keyedApps } from "./keyed";
import { linear } from "./linear";
import { outlook, teams } from "./microsoft";
import { notion } from "./notion";
import { openai } from "./openai";
import { salesforce } from "./salesforce";
import { sendgrid } from "./sendgrid";
import { shopify } from "./shopify";
import { slack } from "./slack";
import { stripe } from "./stripe";
import { todoist } from "./todoist";
import { trello } from "./trello";
import { twilio } from "./twilio";
import { zendesk } from "./zendesk";
import { zoom } from "./zoom";

export const builtInApps: readonly AppDef[] = [
  github,
  gitlab,
  bitbucket,
  ...googleApps,
  slack,
  notion,
  linear,
  jira,
  confluence,
  asana,
  trello,
  hubspot,
  salesforce,
  zendesk,
  shopify,
  outlook,
  teams,
  dropbox,
  box,
  discord,
  figma,
  airtable,
  zoom,
  calendly,
  todoist,
  clickup,
  intercom,
  stripe,
  openai,
  sendgrid,
  twilio,
  ...keyedApps,
];

export { sandboxApps } from "./sandbox";
