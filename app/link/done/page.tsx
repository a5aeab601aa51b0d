// Where the end user lands when the app gave no return URL: success or failure, nothing more.
import type { Metadata } from "next";

export const metadata: Metadata = {
  title: "Connection",
  referrer: "no-referrer",
  robots: { index: false },
};

const REASONS: Record<string, string> = {
  access_denied: "Access was denied, so nothing was connected.",
  token_exchange_failed: "The provider did not hand over access. Try again from the app.",
};

export default async function DonePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  // A repeated parameter (?status=a&status=b) counts as absent.
  const q = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? v : undefined]),
  );
  const ok = q.status === "success";
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <div
          aria-hidden
          className={`mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full text-2xl ${ok ? "bg-emerald-100 text-emerald-700" : "bg-red-100 text-red-700"}`}
        >
          {ok ? "✓" : "!"}
        </div>
        <h1 className="text-xl font-semibold">{ok ? "Connected" : "Not connected"}</h1>
        <p className="mt-2 text-slate-600">
          {ok
            ? "Your account is connected. You can close this window."
            : (REASONS[q.error ?? ""] ??
              "The connection did not complete. You can close this window and try again.")}
        </p>
      </div>
    </main>
  );
}
