/** Join class names, skipping falsy ones (no merging: put overrides last and avoid conflicts). */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}

/** The focus ring every interactive primitive shares. */
export const focusRing =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500";
