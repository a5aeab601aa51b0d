"use client";
// One generated form control for one action parameter, with its label, help text and error.
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { FieldDescriptor } from "../_lib/schema-fields";

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function typeHint(f: FieldDescriptor): string {
  if (f.kind === "json") return f.jsonType ? `JSON ${f.jsonType}` : "JSON";
  if (f.kind === "enum") return "one of";
  return f.format ? `${f.kind}, ${f.format}` : f.kind;
}

export function ParamField({
  field: f,
  id,
  value,
  error,
  onChange,
}: {
  field: FieldDescriptor;
  id: string;
  value: string | boolean;
  error?: string;
  onChange: (value: string | boolean) => void;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [f.description ? hintId : null, error ? errorId : null]
    .filter(Boolean)
    .join(" ");
  const common = {
    id,
    name: f.name,
    required: f.required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
  } as const;
  const text = typeof value === "string" ? value : "";
  const defaultHint = !f.required && f.default !== undefined ? `default: ${show(f.default)}` : "";

  let control;
  if (f.kind === "boolean") {
    control = (
      <div className="flex items-center gap-2">
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          className="accent-brand-600 focus-visible:outline-brand-500 size-4 rounded border-slate-300 focus-visible:outline-2 focus-visible:outline-offset-2"
        />
        <Label htmlFor={id} className="font-mono text-xs">
          {f.name}
        </Label>
      </div>
    );
  } else if (f.kind === "enum") {
    control = (
      <Select {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">
          {f.required ? "Choose…" : defaultHint ? `Not set (${defaultHint})` : "Not set"}
        </option>
        {(f.options ?? []).map((o, i) => (
          <option key={i} value={String(i)}>
            {show(o)}
          </option>
        ))}
      </Select>
    );
  } else if (f.kind === "json" || (f.kind === "string" && f.multiline)) {
    control = (
      <Textarea
        {...common}
        rows={f.kind === "json" ? 4 : 3}
        value={text}
        spellCheck={f.kind !== "json"}
        placeholder={
          defaultHint ||
          (f.jsonType === "array" ? "[ ]" : f.jsonType === "object" ? "{ }" : undefined)
        }
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    );
  } else {
    const numeric = f.kind === "integer" || f.kind === "number";
    control = (
      <Input
        {...common}
        type={numeric ? "number" : "text"}
        inputMode={f.kind === "integer" ? "numeric" : undefined}
        step={f.kind === "integer" ? 1 : numeric ? "any" : undefined}
        min={f.minimum}
        max={f.maximum}
        value={text}
        placeholder={defaultHint || undefined}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    );
  }

  return (
    <div className="space-y-1.5">
      {f.kind === "boolean" ? null : (
        <div className="flex flex-wrap items-baseline gap-x-2">
          <Label htmlFor={id} className="font-mono text-xs">
            {f.name}
          </Label>
          {/* Outside the label, so the control's accessible name is the parameter's name alone;
              `required` on the control tells assistive technology. */}
          <span className="text-xs text-slate-500">
            {typeHint(f)}
            {f.required ? (
              <>
                {" · "}
                <span className="font-medium text-red-700">required</span>
              </>
            ) : null}
          </span>
        </div>
      )}
      {control}
      {f.kind === "boolean" && f.required ? (
        <p className="text-xs font-medium text-red-700">required</p>
      ) : null}
      {f.description ? (
        <p id={hintId} className="line-clamp-3 text-xs text-slate-600" title={f.description}>
          {f.description}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
