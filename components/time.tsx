const format = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** A timestamp rendered the same on server and client (UTC), or a dash. */
export function Time({
  value,
  empty = "—",
}: {
  value: Date | string | null | undefined;
  empty?: string;
}) {
  if (!value) return <span className="text-slate-500">{empty}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {format.format(date)} UTC
    </time>
  );
}
