// HubSpot CRM v3, relative to https://api.hubapi.com (lib/catalog/apps/hubspot.ts).
// Checked against https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/guide
import { bool, defineActions, int, obj, str } from "./define";

const propertyList = str(
  'Comma-separated contact properties to return, e.g. "email,firstname,lastname,phone" (default: a few basic ones).',
);

export const hubspotActions = defineActions("hubspot", [
  {
    displayName: "Create a contact",
    description:
      "Creates a contact from property values (email, firstname, lastname, phone, company…).",
    method: "POST",
    path: "/crm/v3/objects/contacts",
    contentType: "application/json",
    params: {
      properties: {
        in: "body",
        required: true,
        schema: obj(
          'Property values by internal name, e.g. { "email": "ada@example.com", "firstname": "Ada", "lastname": "Lovelace" }.',
          {
            additionalProperties: { type: "string" },
            properties: {
              email: { type: "string" },
              firstname: { type: "string" },
              lastname: { type: "string" },
              phone: { type: "string" },
              company: { type: "string" },
            },
          },
        ),
      },
      associations: {
        in: "body",
        schema: {
          type: "array",
          items: { type: "object" },
          description:
            "Records to associate: [{ to: { id }, types: [{ associationCategory, associationTypeId }] }].",
        },
      },
    },
    scopes: ["crm.objects.contacts.write"],
    tags: ["contacts"],
  },
  {
    displayName: "List contacts",
    description: "Lists contacts, a page at a time.",
    method: "GET",
    path: "/crm/v3/objects/contacts",
    params: {
      limit: {
        in: "query",
        schema: int("Page size (1–100, default 10).", { minimum: 1, maximum: 100 }),
      },
      after: { in: "query", schema: str("`paging.next.after` of the previous page.") },
      properties: { in: "query", schema: propertyList },
      associations: {
        in: "query",
        schema: str(
          "Comma-separated object types whose associated ids to return, e.g. companies,deals.",
        ),
      },
      archived: { in: "query", schema: bool("List archived contacts instead.") },
    },
    scopes: ["crm.objects.contacts.read"],
    tags: ["contacts"],
  },
  {
    displayName: "Get a contact",
    description: "Gets one contact by record id (or by email with idProperty=email).",
    method: "GET",
    path: "/crm/v3/objects/contacts/{contactId}",
    params: {
      contactId: { in: "path", schema: str("Record id, or the value of `idProperty`.") },
      idProperty: {
        in: "query",
        schema: str('A unique property to look the contact up by instead of the id, e.g. "email".'),
      },
      properties: { in: "query", schema: propertyList },
      associations: {
        in: "query",
        schema: str("Comma-separated object types whose associated ids to return."),
      },
      archived: { in: "query", schema: bool("Look among archived contacts.") },
    },
    scopes: ["crm.objects.contacts.read"],
    tags: ["contacts"],
  },
]);
