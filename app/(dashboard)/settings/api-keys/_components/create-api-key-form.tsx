"use client";
import { OneTimeSecret } from "@/components/one-time-secret";
import { field, useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createApiKeyAction } from "../actions";

export function CreateApiKeyForm() {
  const { result, pending, ready, formProps } = useActionForm((data) =>
    createApiKeyAction({ name: field(data, "name") }),
  );
  return (
    <Card>
      <CardHeader
        title="Create API key"
        description="Name it after what will use it, e.g. production backend."
      />
      <CardContent className="space-y-4">
        <form {...formProps} className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1 space-y-1.5">
            <Label htmlFor="api-key-name">Name</Label>
            <Input id="api-key-name" name="name" required maxLength={100} autoComplete="off" />
          </div>
          <Button type="submit" disabled={pending || !ready}>
            {pending ? "Creating…" : "Create API key"}
          </Button>
        </form>
        {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
        {result?.ok ? (
          <OneTimeSecret
            label={`New API key "${result.data.name}"`}
            value={result.data.key}
            message="Copy this key now. You won't be able to see it again."
          />
        ) : null}
      </CardContent>
    </Card>
  );
}
