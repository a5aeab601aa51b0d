"use client";
import { field, useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { createProjectAction } from "../../actions";

export function NewProjectForm() {
  // On success the action switches to the new project and redirects to its settings.
  const { result, pending, ready, formProps } = useActionForm(
    (data) => createProjectAction({ name: field(data, "name") }),
    { resetOnSuccess: false },
  );
  return (
    <Card className="max-w-xl">
      <CardContent>
        <form {...formProps} className="space-y-4">
          <Field
            id="project-name"
            label="Project name"
            hint="You become its admin. You can rename it later."
          >
            <Input
              id="project-name"
              name="name"
              required
              maxLength={80}
              autoComplete="off"
              aria-describedby="project-name-hint"
            />
          </Field>
          {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
          <Button type="submit" disabled={pending || !ready}>
            {pending ? "Creating…" : "Create project"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
