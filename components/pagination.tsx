import Link from "next/link";
import { buttonClasses } from "./ui/button";

/** Forward-only keyset pagination: "First page" once past it, "Next page" while there is more. */
export function Pagination({
  label,
  firstHref,
  nextHref,
}: {
  /** Accessible name of the navigation, e.g. "Connection pages". */
  label: string;
  /** Set when the current page is not the first. */
  firstHref?: string | null;
  nextHref?: string | null;
}) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between text-sm">
      {firstHref ? (
        <Link href={firstHref} className={buttonClasses("secondary", "sm")}>
          ← First page
        </Link>
      ) : (
        <span />
      )}
      {nextHref ? (
        <Link href={nextHref} className={buttonClasses("secondary", "sm")}>
          Next page →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** `path?query` from the non-empty entries, or just `path`. */
export function hrefWith(path: string, query: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
