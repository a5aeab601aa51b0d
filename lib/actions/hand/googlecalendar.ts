// Google Calendar API v3, relative to https://www.googleapis.com/calendar/v3
// (lib/catalog/apps/google.ts). Checked against
// https://developers.google.com/workspace/calendar/api/v3/reference
import type { JSONSchemaObject } from "../types";
import { bool, defineActions, int, obj, str, strList } from "./define";

const calendarId = str(
  'Calendar id: "primary" for the user\'s primary calendar, or an id from GOOGLECALENDAR_LIST_CALENDARS.',
);

const when = (which: string): JSONSchemaObject =>
  obj(
    `${which} time: { dateTime (RFC 3339, e.g. 2025-06-01T10:00:00+02:00), timeZone? } for a timed event, or { date: "yyyy-mm-dd" } for an all-day event.`,
    {
      properties: {
        dateTime: { type: "string", format: "date-time" },
        date: { type: "string", format: "date" },
        timeZone: { type: "string", description: "IANA time zone, e.g. Europe/Zurich." },
      },
      additionalProperties: false,
    },
  );

export const googlecalendarActions = defineActions("googlecalendar", [
  {
    displayName: "List events",
    description:
      "Lists the events of a calendar. For upcoming events set `timeMin` to now, `singleEvents` true and `orderBy` startTime.",
    method: "GET",
    path: "/calendars/{calendarId}/events",
    params: {
      calendarId: { in: "path", schema: calendarId },
      timeMin: {
        in: "query",
        schema: str("Only events ending after this RFC 3339 time (with offset).", {
          format: "date-time",
        }),
      },
      timeMax: {
        in: "query",
        schema: str("Only events starting before this RFC 3339 time (with offset).", {
          format: "date-time",
        }),
      },
      q: {
        in: "query",
        schema: str("Free-text search in summary, description, location, attendees…"),
      },
      singleEvents: { in: "query", schema: bool("Expand recurring events into their instances.") },
      orderBy: {
        in: "query",
        schema: str("startTime (needs singleEvents=true) or updated.", {
          enum: ["startTime", "updated"],
        }),
      },
      maxResults: {
        in: "query",
        schema: int("Page size (1–2500, default 250).", { minimum: 1, maximum: 2500 }),
      },
      pageToken: { in: "query", schema: str("`nextPageToken` of the previous page.") },
      showDeleted: { in: "query", schema: bool("Include cancelled events.") },
      timeZone: { in: "query", schema: str("Time zone of the response, e.g. Europe/Zurich.") },
    },
    scopes: ["https://www.googleapis.com/auth/calendar.readonly"],
    tags: ["events"],
  },
  {
    displayName: "Create an event",
    description: "Creates an event in a calendar, optionally inviting attendees.",
    method: "POST",
    path: "/calendars/{calendarId}/events",
    contentType: "application/json",
    params: {
      calendarId: { in: "path", schema: calendarId },
      sendUpdates: {
        in: "query",
        schema: str("Who gets invitation emails: all, externalOnly or none (default).", {
          enum: ["all", "externalOnly", "none"],
        }),
      },
      conferenceDataVersion: {
        in: "query",
        schema: int("1 to create or keep conference data (e.g. a Meet link via conferenceData).", {
          enum: [0, 1],
        }),
      },
      summary: { in: "body", schema: str("Title of the event.") },
      description: { in: "body", schema: str("Description (may contain HTML).") },
      location: { in: "body", schema: str("Free-form location.") },
      start: { in: "body", required: true, schema: when("Start") },
      end: { in: "body", required: true, schema: when("End (exclusive)") },
      attendees: {
        in: "body",
        schema: {
          type: "array",
          description: "People to invite.",
          items: {
            type: "object",
            required: ["email"],
            properties: {
              email: { type: "string", format: "email" },
              displayName: { type: "string" },
              optional: { type: "boolean" },
            },
          },
        },
      },
      recurrence: {
        in: "body",
        schema: strList(
          'RRULE/EXRULE/RDATE/EXDATE lines (RFC 5545), e.g. "RRULE:FREQ=WEEKLY;COUNT=5".',
        ),
      },
      reminders: {
        in: "body",
        schema: obj("{ useDefault: boolean, overrides?: [{ method: email|popup, minutes }] }."),
      },
      conferenceData: {
        in: "body",
        schema: obj(
          'Conference to create, e.g. { createRequest: { requestId: "<unique>", conferenceSolutionKey: { type: "hangoutsMeet" } } } (with conferenceDataVersion=1).',
        ),
      },
      visibility: {
        in: "body",
        schema: str("default, public, private or confidential.", {
          enum: ["default", "public", "private", "confidential"],
        }),
      },
      transparency: {
        in: "body",
        schema: str("opaque (busy, default) or transparent (free).", {
          enum: ["opaque", "transparent"],
        }),
      },
      colorId: { in: "body", schema: str("Event color id (see the colors endpoint).") },
    },
    scopes: ["https://www.googleapis.com/auth/calendar.events"],
    tags: ["events"],
  },
  {
    displayName: "List calendars",
    description:
      "Lists the calendars in the user's calendar list, with their ids and access roles.",
    method: "GET",
    path: "/users/me/calendarList",
    params: {
      minAccessRole: {
        in: "query",
        schema: str("Only calendars with at least this role.", {
          enum: ["freeBusyReader", "reader", "writer", "owner"],
        }),
      },
      showHidden: { in: "query", schema: bool("Include hidden calendars.") },
      showDeleted: { in: "query", schema: bool("Include deleted calendars.") },
      maxResults: {
        in: "query",
        schema: int("Page size (1–250, default 100).", { minimum: 1, maximum: 250 }),
      },
      pageToken: { in: "query", schema: str("`nextPageToken` of the previous page.") },
    },
    scopes: ["https://www.googleapis.com/auth/calendar.readonly"],
    tags: ["calendars"],
  },
]);
