// Choose your own password: every dashboard page sends an operator signed in with a one-time
// password here until they have (requireOperator), and the one-time password then stops working.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/change-password-form";
import { Alert } from "@/components/ui/alert";
import { currentOperator } from "@/lib/auth/session";
import { replaceOneTimePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose your password" };

export default async function ChangePasswordPage() {
  const ctx = await currentOperator();
  if (!ctx) redirect("/sign-in");
  if (!ctx.operator.mustChangePassword) redirect("/");
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Choose your password</h1>
      <Alert tone="info">
        You signed in as {ctx.operator.email} with a one-time password. Choose your own password to
        open the dashboard; the one-time password stops working.
      </Alert>
      <ChangePasswordForm
        email={ctx.operator.email}
        changed={false}
        action={replaceOneTimePasswordAction}
        title="New password"
        currentLabel="One-time password"
      />
    </div>
  );
}
