import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { requireOperator } from "@/lib/auth/session";
import { ChangePasswordForm } from "./_components/change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ password?: string }>;
}) {
  const ctx = await requireOperator();
  // Set by changePasswordAction's redirect after a successful change.
  const changed = (await searchParams).password === "changed";
  return (
    <>
      <PageHeader
        title="Your account"
        description="Your Keyport sign-in, shared by all your projects."
      />
      <div className="grid max-w-3xl gap-6">
        <Card>
          <CardHeader title="Profile" />
          <CardContent>
            <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
              <dt className="text-slate-600">Name</dt>
              <dd className="font-medium">{ctx.operator.name || "—"}</dd>
              <dt className="text-slate-600">Email</dt>
              <dd className="font-medium">{ctx.operator.email}</dd>
              <dt className="text-slate-600">Role here</dt>
              <dd className="font-medium">
                {ctx.role} in {ctx.project.name}
              </dd>
            </dl>
          </CardContent>
        </Card>
        {/* The key remounts the form after a change, clearing the typed passwords. */}
        <ChangePasswordForm
          key={changed ? "changed" : "form"}
          email={ctx.operator.email}
          changed={changed}
        />
      </div>
    </>
  );
}
