"use client";
// A form to change one's own password with the current one, the new one and its confirmation.
import { field, useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import type { ActionResult } from "@/lib/auth/action";

type ChangePassword = (input: {
  current: string;
  next: string;
  confirm: string;
}) => Promise<ActionResult<null>>;

/** The change-password card (account page and the forced change after a one-time password). */
export function ChangePasswordForm({
  email,
  changed,
  action,
  title = "Change password",
  currentLabel = "Current password",
}: {
  email: string;
  changed: boolean;
  action: ChangePassword;
  title?: string;
  currentLabel?: string;
}) {
  const { result, pending, ready, formProps } = useActionForm((data) =>
    action({
      current: field(data, "current"),
      next: field(data, "next"),
      confirm: field(data, "confirm"),
    }),
  );
  return (
    <Card>
      <CardHeader title={title} description="At least 10 characters." />
      <CardContent>
        <form {...formProps} className="max-w-sm space-y-4">
          {/* Lets password managers tie the new password to the account. */}
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={email}
            readOnly
            hidden
          />
          <Field id="password-current" label={currentLabel}>
            <Input
              id="password-current"
              name="current"
              type="password"
              required
              autoComplete="current-password"
            />
          </Field>
          <Field id="password-next" label="New password">
            <Input
              id="password-next"
              name="next"
              type="password"
              required
              minLength={10}
              autoComplete="new-password"
            />
          </Field>
          <Field id="password-confirm" label="Confirm new password">
            <Input
              id="password-confirm"
              name="confirm"
              type="password"
              required
              autoComplete="new-password"
            />
          </Field>
          {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
          {result?.ok || (changed && !result) ? (
            <Alert tone="success">Your password was changed.</Alert>
          ) : null}
          <Button type="submit" disabled={pending || !ready}>
            {pending ? "Saving…" : "Change password"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
