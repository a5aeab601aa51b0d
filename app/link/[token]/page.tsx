// The hosted connect page end users see: which project asks, for which app; then OAuth or a form.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { linkCsrfToken } from "@/lib/core/link-csrf";
import { openLink, type LinkContext } from "@/lib/core/link-context";
import { bindingCookieName } from "@/lib/http/binding-cookie";
import { CSRF_FIELD } from "@/lib/http/link-start";
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
      <CurrentAccount ctx={ctx} />
    </div>
  );
}

/** On a reconnect: the account connected now, so a switch to another account is a visible choice. */
function CurrentAccount({ ctx }: { ctx: LinkContext }) {
  const id = ctx.connection.upstreamIdentity;
  const who = id?.login ?? id?.name ?? id?.id;
  if (!who) return null;
  return (
    <p
      className="mt-3 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700"
      data-testid="current-account"
    >
      Connected now as <strong className="font-medium text-slate-900">{who}</strong>. {ctx.app.name}{" "}
      will ask you which account to connect.
    </p>
  );
}

export default async function LinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await params;
  const deps = await getDeps();
  let ctx: LinkContext;
  try {
    ctx = await openLink(deps, token);
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
  // The form's CSRF token is bound to this browser's binding cookie; a page cannot set cookies,
  // so a first visit goes through GET /link/{token}/start once to get one.
  const binding = (await cookies()).get(bindingCookieName(deps.publicUrl))?.value;
  if (!binding) {
    if ((await searchParams).bound !== "1") redirect(`/link/${token}/start`);
    return (
      <Shell>
        <h1 className="text-xl font-semibold">Cookies are needed</h1>
        <p className="mt-2 text-slate-600">
          Connecting an account needs one cookie that ties this sign-in to your browser. Allow
          cookies for this site, then open the connect link again.
        </p>
      </Shell>
    );
  }
  const csrf = linkCsrfToken(deps, token, binding);
  const accent = ctx.project.brandingAccent ?? "#2f6fed";
  const oauth = ctx.scheme.mode === "OAUTH2" || ctx.scheme.mode === "OAUTH1";
  return (
    <Shell>
      <Heading ctx={ctx} />
      {oauth ? (
        <form method="post" action={`/link/${token}/start`}>
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
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
          csrf={csrf}
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
