// The hosted connect page end users see: which project asks, for which app; then OAuth or a form.
import type { Metadata } from "next";
import { AppError } from "@/lib/core/errors";
import { openLink, type LinkContext } from "@/lib/core/link-context";
import { deps as getDeps } from "@/lib/server/runtime";
import { CredentialsForm } from "./_components/credentials-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Connect",
  referrer: "no-referrer",
  robots: { index: false },
};

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        {children}
      </div>
    </main>
  );
}

function Heading({ ctx }: { ctx: LinkContext }) {
  const projectName = ctx.project.brandingName ?? ctx.project.name;
  return (
    <div className="mb-6 flex flex-col items-center text-center">
      <img src={ctx.app.logo} alt="" width={56} height={56} className="mb-4 rounded-xl" />
      <h1 className="text-xl font-semibold">Connect {ctx.app.name}</h1>
      <p className="mt-2 text-sm text-slate-600">
        <strong className="font-medium text-slate-900">{projectName}</strong> asks to use your{" "}
        {ctx.app.name} account on your behalf.
      </p>
    </div>
  );
}

export default async function LinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let ctx: LinkContext;
  try {
    ctx = await openLink(await getDeps(), token);
  } catch (err) {
    const message =
      err instanceof AppError ? err.message : "This connect link cannot be opened right now.";
    return (
      <Shell>
        <h1 className="text-xl font-semibold">This link cannot be used</h1>
        <p className="mt-2 text-slate-600">{message}</p>
      </Shell>
    );
  }
  const accent = ctx.project.brandingAccent ?? "#2f6fed";
  const oauth = ctx.scheme.mode === "OAUTH2" || ctx.scheme.mode === "OAUTH1";
  return (
    <Shell>
      <Heading ctx={ctx} />
      {oauth ? (
        <form method="post" action={`/link/${token}/start`}>
          <button
            type="submit"
            className="w-full rounded-lg px-4 py-2.5 font-medium text-white focus:ring-2 focus:ring-offset-2 focus:outline-none"
            style={{ backgroundColor: accent }}
          >
            Continue to {ctx.app.name}
          </button>
          <p className="mt-4 text-center text-xs text-slate-500">
            You will sign in at {ctx.app.name}. {ctx.project.brandingName ?? ctx.project.name} never
            sees your password.
          </p>
        </form>
      ) : (
        <CredentialsForm
          token={token}
          accent={accent}
          appName={ctx.app.name}
          fields={ctx.scheme.fields.map((f) => ({
            name: f.name,
            label: f.displayName,
            description: f.description,
            required: f.required,
            secret: f.secret,
            pattern: f.pattern,
          }))}
        />
      )}
    </Shell>
  );
}
