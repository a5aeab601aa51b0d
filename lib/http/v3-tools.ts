// Actions → the v3.1 face's tool objects.
import { outputSchema } from "@/lib/actions/output";
import type { ActionDef } from "@/lib/actions/types";
import type { z } from "zod";
import type { tool } from "./v3-responses";

const bytesOf = new WeakMap<ActionDef, Buffer>();

/**
 * A tool's JSON as bytes, serialised once per action (actions are frozen and shared): a page of
 * 20 tools is ~140 KB, and stringifying it on every search was a third of the request's CPU.
 */
export function toolV3Bytes(a: ActionDef): Buffer {
  let bytes = bytesOf.get(a);
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(toolV3(a)));
    bytesOf.set(a, bytes);
  }
  return bytes;
}

/** A tool (= action). */
export function toolV3(a: ActionDef, appName?: string): z.input<typeof tool> {
  return {
    slug: a.name,
    name: a.displayName,
    description: a.description,
    toolkit: { slug: a.app, name: appName ?? a.app, logo: "" },
    input_parameters: a.parameters,
    output_parameters: outputSchema(a.response),
    scopes: a.scopes,
    tags: a.tags,
    no_auth: false,
    available_versions: ["latest"],
    version: "latest",
    is_deprecated: a.deprecated ?? false,
    deprecated: {
      is_deprecated: a.deprecated ?? false,
      displayName: a.displayName,
      toolkit: { logo: "" },
    },
  };
}
