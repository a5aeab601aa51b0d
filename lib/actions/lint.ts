// The catalog's schema lint (issue 15): what the major model APIs (OpenAI, Anthropic, Gemini) and
// MCP clients check before they accept a tool, applied to every action, so a single bad schema
// cannot make them refuse a whole request. Run by `npm run catalog:check` and the unit tests.
import Ajv2020 from "ajv/dist/2020";
import { modelSchemaProblems, modelToolName, MODEL_NAME_PATTERN } from "./model-name";
import { outputSchema } from "./output";
import type { ActionDef, JSONSchemaObject } from "./types";

export const MAX_DESCRIPTION = 1024;

export interface LintProblem {
  action: string;
  problem: string;
}

let ajv: Ajv2020 | undefined;

/** A validator for JSON Schema 2020-12 documents (strict off: OpenAPI leaves unknown keywords). */
function schemaChecker(): Ajv2020 {
  ajv ??= new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  return ajv;
}

/** Why a schema is not valid JSON Schema 2020-12 (against its meta-schema); undefined if it is. */
export function schemaError(schema: JSONSchemaObject): string | undefined {
  // The meta-schema check only: compiling every schema costs a minute over the whole catalog, and
  // each parameters schema is compiled anyway on its first execution (registry.compiledValidator).
  const checker = schemaChecker();
  return checker.validateSchema(schema) ? undefined : checker.errorsText(checker.errors);
}

/** An answer schema that says nothing: no properties, no additionalProperties, no description. */
function emptyOutput(schema: JSONSchemaObject): boolean {
  return (
    Object.keys(schema.properties ?? {}).length === 0 &&
    schema.additionalProperties === undefined &&
    !schema.description
  );
}

/** Every problem of one action; empty when a model API would accept it. */
export function lintAction(action: ActionDef): string[] {
  const problems: string[] = [];
  const model = modelToolName(action.name);
  if (!MODEL_NAME_PATTERN.test(model)) problems.push(`model-facing name "${model}" is not valid`);
  if (!action.description.trim()) problems.push("no description");
  if (action.description.length > MAX_DESCRIPTION) {
    problems.push(`description longer than ${MAX_DESCRIPTION} characters`);
  }
  problems.push(...modelSchemaProblems(action.parameters).map((p) => `parameters: ${p}`));
  const paramsError = schemaError(action.parameters);
  if (paramsError) problems.push(`parameters are not JSON Schema 2020-12: ${paramsError}`);
  const output = outputSchema(action.response);
  problems.push(...modelSchemaProblems(output).map((p) => `output_parameters: ${p}`));
  if (emptyOutput(output)) problems.push("empty output_parameters");
  const outputError = schemaError(output);
  if (outputError) problems.push(`output_parameters are not JSON Schema 2020-12: ${outputError}`);
  return problems;
}

/** Lints a whole catalog: each action's problems, and model-facing names used twice. */
export function lintActions(actions: readonly ActionDef[]): LintProblem[] {
  const problems: LintProblem[] = [];
  const owners = new Map<string, string>();
  for (const action of actions) {
    for (const problem of lintAction(action)) problems.push({ action: action.name, problem });
    const model = modelToolName(action.name);
    const owner = owners.get(model);
    if (owner)
      problems.push({ action: action.name, problem: `model-facing name clashes with ${owner}` });
    else owners.set(model, action.name);
  }
  return problems;
}
