"use client";
import { useState } from "react";
import { field, useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { updateProjectSettingsAction } from "../actions";

export interface SettingsValues {
  name: string;
  allowedReturnOrigins: string;
  brandingName: string;
  brandingLogoUrl: string;
  brandingAccent: string;
}

export function ProjectSettingsForm({
  initial,
  canEdit,
}: {
  initial: SettingsValues;
  canEdit: boolean;
}) {
  // Controlled, so a failed save keeps what was typed.
  const [values, setValues] = useState(initial);
  const { result, pending, ready, formProps } = useActionForm(
    (data) =>
      updateProjectSettingsAction({
        name: field(data, "name"),
        allowedReturnOrigins: field(data, "allowedReturnOrigins"),
        brandingName: field(data, "brandingName"),
        brandingLogoUrl: field(data, "brandingLogoUrl"),
        brandingAccent: field(data, "brandingAccent"),
      }),
    {
      resetOnSuccess: false,
      onSuccess: (saved) =>
        setValues((v) => ({ ...v, allowedReturnOrigins: saved.allowedReturnOrigins.join("\n") })),
    },
  );
  const bind = (name: keyof SettingsValues) => ({
    id: `settings-${name}`,
    name,
    value: values[name],
    disabled: !canEdit,
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [name]: value }));
    },
  });
  const accentPreview = /^#[0-9a-fA-F]{6}$/.test(values.brandingAccent.trim())
    ? values.brandingAccent.trim()
    : undefined;

  return (
    <form {...formProps} className="space-y-6" noValidate>
      <Card>
        <CardHeader title="General" />
        <CardContent className="space-y-4">
          <Field id="settings-name" label="Project name">
            <Input {...bind("name")} required maxLength={80} autoComplete="off" />
          </Field>
          <Field
            id="settings-allowedReturnOrigins"
            label="Allowed return origins"
            hint="One origin per line, e.g. https://app.example.com. After connecting, end users can be sent back only to these origins. https only; http is allowed for localhost and 127.0.0.1. No paths."
          >
            <Textarea
              {...bind("allowedReturnOrigins")}
              rows={4}
              spellCheck={false}
              aria-describedby="settings-allowedReturnOrigins-hint"
            />
          </Field>
        </CardContent>
      </Card>
      <Card>
        <CardHeader
          title="Connect page branding"
          description="What end users see on the page where they connect an app."
        />
        <CardContent className="grid gap-4 md:grid-cols-2">
          <Field
            id="settings-brandingName"
            label="Display name"
            hint="Defaults to the project name."
          >
            <Input
              {...bind("brandingName")}
              maxLength={80}
              aria-describedby="settings-brandingName-hint"
            />
          </Field>
          <Field
            id="settings-brandingLogoUrl"
            label="Logo URL"
            hint="An https:// address of an image."
          >
            <Input
              {...bind("brandingLogoUrl")}
              type="url"
              inputMode="url"
              placeholder="https://"
              aria-describedby="settings-brandingLogoUrl-hint"
            />
          </Field>
          <Field
            id="settings-brandingAccent"
            label="Accent colour"
            hint="# and six hex digits, e.g. #2f6fed."
          >
            <div className="flex items-center gap-2">
              <div className="w-40">
                <Input
                  {...bind("brandingAccent")}
                  placeholder="#2f6fed"
                  maxLength={7}
                  className="font-mono"
                  aria-describedby="settings-brandingAccent-hint"
                />
              </div>
              <span
                aria-hidden="true"
                className="size-8 shrink-0 rounded-md border border-slate-300"
                style={{ background: accentPreview ?? "transparent" }}
              />
            </div>
          </Field>
        </CardContent>
      </Card>
      {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
      {result?.ok ? <Alert tone="success">Settings saved.</Alert> : null}
      {canEdit ? (
        <Button type="submit" disabled={pending || !ready}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      ) : null}
    </form>
  );
}
