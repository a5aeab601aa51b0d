import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ChangePasswordForm } from "@/components/change-password-form";
import { requireOperator } from "@/lib/auth/session";
import { ProfileForm } from "./_components/profile-form";
import { changePasswordAction } from "./actions";

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
        <ProfileForm
          name={ctx.operator.name}
          email={ctx.operator.email}
          role={`Your role in ${ctx.project.name}: ${ctx.role}`}
        />
        {/* The key remounts the form after a change, clearing the typed passwords. */}
        <ChangePasswordForm
          key={changed ? "changed" : "form"}
          email={ctx.operator.email}
          changed={changed}
          action={changePasswordAction}
        />
      </div>
    </>
  );
}
