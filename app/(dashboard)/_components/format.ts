// Number and time labels for the overview, the same on server and client (UTC, en-GB).
const integer = new Intl.NumberFormat("en-GB");
const percent = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 });
const dayLabel = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const hourLabel = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** "1,234", or "10,000+" when the count stopped at a cap. */
export const formatCount = (n: number, capped = false) =>
  `${integer.format(n)}${capped ? "+" : ""}`;

/** "2.5%", or "—" when there is nothing to divide. */
export const formatRate = (part: number, whole: number) =>
  whole > 0 ? percent.format(part / whole) : "—";

/** "25 Nov" for a YYYY-MM-DD day. */
export const formatDay = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

/** "14:00" for an ISO hour. */
export const formatHour = (iso: string) => hourLabel.format(new Date(iso));
