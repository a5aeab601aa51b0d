import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { signedOutReason } from "@/lib/auth/session";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  const signedOut = await signedOutReason();
  if (!signedOut) redirect("/");
  // A valid session without a project: the operator was removed from every project.
  const orphan = signedOut.reason === "no_project" ? signedOut.email : null;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <p className="mb-6 flex items-center gap-2 text-base font-semibold tracking-tight text-slate-900">
        <span aria-hidden="true" className="bg-brand-600 size-2.5 rounded-sm" />
        Keyport
      </p>
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Operators of this Keyport installation only.
      </p>
      {orphan ? (
        <Alert tone="warning" className="mb-4">
          {orphan} is not a member of any project. Ask an admin to add you, or sign in as someone
          else.
        </Alert>
      ) : null}
      {signedOut.reason === "stale" ? (
        <Alert tone="info" className="mb-4">
          Your password was changed, which signed out this browser. Sign in with the new password.
        </Alert>
      ) : null}
      <SignInForm />
    </div>
  );
}
