"use client";
// The form generated from an action's parameters; runs the action as the chosen entity.
import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { hrefWith } from "@/components/pagination";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ActionResult } from "@/lib/auth/action";
import { runActionAction } from "../actions";
import {
  errorSummary,
  initialValues,
  toArguments,
  type FieldDescriptor,
  type FormValues,
} from "../_lib/schema-fields";
import { ParamField } from "./param-field";
import { RunResult, type RunOutcome } from "./run-result";

// Past this many parameters, the optional ones fold away (GitHub's list actions have dozens).
const FOLD_AFTER = 6;

export function SchemaForm({
  action,
  fields,
  entityId,
  connectionIds,
  canRun,
}: {
  action: string;
  fields: FieldDescriptor[];
  /** The entity to run as; null until one is chosen. */
  entityId: string | null;
  /** The entity's active connections for the action's app, newest first. */
  connectionIds: string[];
  canRun: boolean;
}) {
  const hydrated = useHydrated();
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [connectionId, setConnectionId] = useState("");
  const [result, setResult] = useState<ActionResult<RunOutcome> | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!entityId || !canRun) return;
    const args = toArguments(fields, values);
    if (!args.ok) {
      setErrors(args.errors);
      setResult(null);
      return;
    }
    setErrors({});
    startTransition(async () => {
      setResult(
        await runActionAction({
          userId: entityId,
          action,
          connectionId: connectionId || undefined,
          arguments: args.arguments,
        }),
      );
    });
  };

  const required = fields.filter((f) => f.required);
  const optional = fields.filter((f) => !f.required);
  const fold = fields.length > FOLD_AFTER && optional.length > 0;
  const render = (f: FieldDescriptor) => {
    const i = fields.indexOf(f);
    return (
      <ParamField
        key={f.name}
        field={f}
        id={`param-${i}`}
        value={values[f.name] ?? ""}
        error={errors[f.name]}
        onChange={(v) => setValues((prev) => ({ ...prev, [f.name]: v }))}
      />
    );
  };
  const errorText = errorSummary(errors);

  return (
    <div className="space-y-5">
      {/* noValidate: missing or malformed values are reported below in the server's words. */}
      <form
        noValidate
        onSubmit={submit}
        aria-label={`Parameters of ${action}`}
        className="space-y-5"
      >
        <fieldset disabled={!canRun} className="space-y-4">
          {fields.length === 0 ? (
            <p className="text-sm text-slate-600">This action takes no parameters.</p>
          ) : fold ? (
            <>
              {required.map(render)}
              {/* Opened when an optional parameter is wrong, so its message is seen. */}
              <details
                open={optional.some((f) => errors[f.name]) || undefined}
                className="rounded-md border border-slate-200 px-4 py-3"
              >
                <summary className="cursor-pointer text-sm font-medium text-slate-800">
                  Optional parameters ({optional.length})
                </summary>
                <div className="mt-4 space-y-4">{optional.map(render)}</div>
              </details>
            </>
          ) : (
            fields.map(render)
          )}
          {connectionIds.length > 1 ? (
            <Field
              id="run-connection"
              label="Connection"
              hint="Without a choice, Keyport uses the entity's newest active connection, as the API does."
            >
              <Select
                id="run-connection"
                value={connectionId}
                onChange={(e) => setConnectionId(e.currentTarget.value)}
              >
                <option value="">Newest active ({connectionIds[0]})</option>
                {connectionIds.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
        </fieldset>

        {errorText ? <Alert tone="error">Check the parameters: {errorText}</Alert> : null}

        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
          <Button type="submit" disabled={!canRun || !entityId || pending || !hydrated}>
            {pending ? "Running…" : entityId ? `Run as ${entityId}` : "Run"}
          </Button>
          {!canRun ? (
            <p className="text-sm text-amber-900">
              You need the support or admin role to run actions.
            </p>
          ) : !entityId ? (
            <p className="text-sm text-slate-600">Enter an entity id in step 1 to run.</p>
          ) : connectionIds.length === 1 ? (
            <p className="text-sm text-slate-600">
              Through{" "}
              <Link
                href={`/connections/${connectionIds[0]}`}
                className="text-brand-700 font-mono text-xs hover:underline"
              >
                {connectionIds[0]}
              </Link>
            </p>
          ) : null}
        </div>
      </form>

      {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
      {result?.ok && entityId ? (
        <RunResult
          outcome={result.data}
          logsHref={`${hrefWith("/logs", { user: entityId, action })}#${result.data.logId}`}
        />
      ) : null}
    </div>
  );
}
