"use client";
// A form generated from the app's credential fields; errors from the server are shown inline.
import { useActionState } from "react";
import { submitCredentialsAction, type CredentialsState } from "../actions";

export interface FieldProps {
  name: string;
  label: string;
  description: string;
  required: boolean;
  secret: boolean;
  pattern?: string;
}

export function CredentialsForm(props: {
  token: string;
  /** This browser's CSRF token for the link (lib/core/link-csrf.ts). */
  csrf: string;
  accent: string;
  appName: string;
  fields: FieldProps[];
}) {
  const [state, action, pending] = useActionState<CredentialsState, FormData>(
    submitCredentialsAction.bind(null, props.token),
    {},
  );
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="csrf" value={props.csrf} />
      {props.fields.map((f) => (
        <div key={f.name}>
          <label htmlFor={`f-${f.name}`} className="block text-sm font-medium text-slate-800">
            {f.label}
          </label>
          <input
            id={`f-${f.name}`}
            name={f.name}
            type={f.secret ? "password" : "text"}
            required={f.required}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`d-${f.name}`}
            className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 focus:border-slate-500 focus:ring-2 focus:ring-slate-300 focus:outline-none"
          />
          <p id={`d-${f.name}`} className="mt-1 text-xs text-slate-500">
            {f.description}
          </p>
        </div>
      ))}
      {state.error ? (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="form-error">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg px-4 py-2.5 font-medium text-white focus:ring-2 focus:ring-offset-2 focus:outline-none disabled:opacity-60"
        style={{ backgroundColor: props.accent }}
      >
        {pending ? "Checking…" : `Connect ${props.appName}`}
      </button>
    </form>
  );
}
