// A card of the overview with a body of fixed height, and the skeleton shown while it loads:
// the same frame and height, so the page does not move when the numbers arrive.
import type { ReactNode } from "react";
import { Card, CardHeader } from "@/components/ui/card";

export function SectionFrame({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card className="flex min-w-0 flex-col">
      <CardHeader title={title} description={description} actions={actions} />
      {children}
    </Card>
  );
}

/**
 * The body: `height` is a Tailwind height class (h-64, h-80); `flush` drops the padding. A body
 * that may hold more than its height scrolls, and is then focusable so keyboards can scroll it.
 */
export function SectionBody({
  height,
  flush = false,
  scrollLabel,
  children,
}: {
  height: string;
  flush?: boolean;
  /** Set for a list that may overflow: names the scrolling region. */
  scrollLabel?: string;
  children: ReactNode;
}) {
  const padding = flush ? "" : "px-5 py-4";
  if (!scrollLabel) return <div className={`${height} ${padding} min-w-0`}>{children}</div>;
  return (
    <div
      role="region"
      aria-label={scrollLabel}
      tabIndex={0}
      className={`${height} ${padding} focus-visible:outline-brand-500 min-w-0 overflow-y-auto focus-visible:outline-2 focus-visible:-outline-offset-2`}
    >
      {children}
    </div>
  );
}

/** What a section shows while its query runs. */
export function SectionSkeleton({
  title,
  description,
  height,
}: {
  title: string;
  description?: string;
  height: string;
}) {
  return (
    <SectionFrame title={title} description={description}>
      <SectionBody height={height}>
        <div
          role="status"
          aria-label={`Loading ${title.toLowerCase()}`}
          className="h-full min-h-48 animate-pulse rounded-md bg-slate-100"
        />
      </SectionBody>
    </SectionFrame>
  );
}
