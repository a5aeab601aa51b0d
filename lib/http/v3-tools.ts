// Actions → the v3.1 face's tool objects.
import { outputSchema } from "@/lib/actions/output";
import type { ActionDef } from "@/lib/actions/types";
import type { z } from "zod";
import type { tool } from "./v3-responses";

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
