"use client";
// Edit one's own name and email.
import { field, useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { updateProfileAction } from "../actions";

export function ProfileForm({ name, email, role }: { name: string; email: string; role: string }) {
  const { result, pending, ready, formProps } = useActionForm(
    (data) => updateProfileAction({ name: field(data, "name"), email: field(data, "email") }),
    { resetOnSuccess: false },
  );
  return (
    <Card>
      <CardHeader title="Profile" description={role} />
      <CardContent>
        <form {...formProps} className="max-w-sm space-y-4">
          <Field id="profile-name" label="Name">
            <Input
              id="profile-name"
              name="name"
              required
              maxLength={200}
              defaultValue={name}
              autoComplete="name"
            />
          </Field>
          <Field id="profile-email" label="Email">
            <Input
              id="profile-email"
              name="email"
              type="email"
              required
              maxLength={254}
              defaultValue={email}
              autoComplete="email"
            />
          </Field>
          {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
          {result?.ok ? <Alert tone="success">Your profile was saved.</Alert> : null}
          <Button type="submit" disabled={pending || !ready}>
            {pending ? "Saving…" : "Save profile"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
