// Logos as inline SVG data: URLs, so the connect page loads no third-party resources (SECURITY.md 6).

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** A rounded square in `hexColour` with up to three letters or digits of `text` in white. */
export function monogram(text: string, hexColour: string): string {
  if (!HEX_COLOUR.test(hexColour))
    throw new Error(`monogram: "${hexColour}" is not a #rrggbb colour`);
  // Only letters and digits reach the markup, so nothing needs escaping inside the SVG.
  const label = text.replace(/[^A-Za-z0-9]/g, "").slice(0, 3);
  if (!label) throw new Error("monogram: text needs at least one letter or digit");
  const fontSize = [0, 34, 28, 22][label.length] ?? 22;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">` +
    `<rect width="64" height="64" rx="14" fill="${hexColour}"/>` +
    `<text x="32" y="32" dy=".35em" text-anchor="middle" fill="#fff" font-size="${fontSize}" ` +
    `font-weight="600" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">` +
    `${label}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
