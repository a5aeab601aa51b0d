import { cn } from "./ui/cn";

/** An app's logo (a data: URL from the catalog, so nothing is loaded from a third party). */
export function AppLogo({
  logo,
  size = 32,
  className,
}: {
  logo: string;
  size?: number;
  className?: string;
}) {
  return (
    // A plain <img>: catalog logos are inline data: URLs, next/image would add nothing.
    <img
      src={logo}
      alt=""
      width={size}
      height={size}
      className={cn("shrink-0 rounded-md", className)}
    />
  );
}
