"use client";
// Who is signed in, their role here, and the way out.
import Link from "next/link";
import { Popover } from "./ui/popover";
import { cn, focusRing } from "./ui/cn";

export function OperatorMenu({
  name,
  email,
  role,
  signOut,
}: {
  name: string;
  email: string;
  role: string;
  signOut: () => Promise<void>;
}) {
  const item = cn(
    "block w-full px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-50",
    focusRing,
  );
  return (
    <Popover trigger={<span className="truncate">{name || email}</span>}>
      {() => (
        <div>
          <div className="border-b border-slate-200 px-3 pb-2">
            <p className="truncate text-sm font-semibold text-slate-900">{name || email}</p>
            <p className="truncate text-sm text-slate-600">{email}</p>
            <p className="mt-1 text-xs text-slate-600">
              Role in this project: <span className="font-medium text-slate-900">{role}</span>
            </p>
          </div>
          <Link href="/account" className={cn(item, "mt-1")}>
            Change password
          </Link>
          <form action={signOut}>
            <button type="submit" className={item}>
              Sign out
            </button>
          </form>
        </div>
      )}
    </Popover>
  );
}
