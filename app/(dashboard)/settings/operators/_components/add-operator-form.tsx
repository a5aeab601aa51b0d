"use client";
import type { Role } from "@/db/schema";
import { OneTimeSecret } from "@/components/one-time-secret";
import { field, useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { addOperatorAction } from "../actions";

export function AddOperatorForm() {
  const { result, pending, ready, formProps } = useActionForm((data) =>
    addOperatorAction({
      email: field(data, "email"),
      name: field(data, "name"),
      role: field(data, "role") as Role,
    }),
  );
  return (
    <Card>
      <CardHeader
        title="Add operator"
        description="Someone new gets a one-time password to sign in with; an existing operator is just added."
      />
      <CardContent className="space-y-4">
        <form {...formProps} className="grid items-end gap-3 md:grid-cols-[1fr_1fr_10rem_auto]">
          <Field id="operator-email" label="Email">
            <Input id="operator-email" name="email" type="email" required autoComplete="off" />
          </Field>
          <Field id="operator-name" label="Name">
            <Input id="operator-name" name="name" maxLength={100} autoComplete="off" />
          </Field>
          <Field id="operator-role" label="Role">
            <Select id="operator-role" name="role" defaultValue="viewer">
              <option value="viewer">viewer</option>
              <option value="support">support</option>
              <option value="admin">admin</option>
            </Select>
          </Field>
          <Button type="submit" disabled={pending || !ready}>
            {pending ? "Adding…" : "Add operator"}
          </Button>
        </form>
        {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
        {result?.ok && result.data.oneTimePassword ? (
          <OneTimeSecret
            label={`One-time password for ${result.data.email}`}
            value={result.data.oneTimePassword}
            message="Give it to them through a safe channel; they can change it under their account menu. It won't be shown again."
          />
        ) : null}
        {result?.ok && !result.data.oneTimePassword ? (
          <Alert tone="success">
            {result.data.email} already had a Keyport account and was added as {result.data.role}.
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}
