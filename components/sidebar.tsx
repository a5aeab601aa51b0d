"use client";
// The dashboard's left navigation; the server decides which links a role sees.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn, focusRing } from "./ui/cn";

export interface NavItem {
  href: string;
  label: string;
}

export interface NavSection {
  label?: string;
  items: NavItem[];
}

const matches = (pathname: string, href: string) =>
  href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);

/** The one item that is current: the longest href matching the path. */
function currentHref(pathname: string, sections: NavSection[]): string | undefined {
  return sections
    .flatMap((s) => s.items)
    .filter((i) => matches(pathname, i.href))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

export function Sidebar({ sections }: { sections: NavSection[] }) {
  const pathname = usePathname();
  const current = currentHref(pathname, sections);
  return (
    <nav aria-label="Main" className="flex flex-col gap-6 px-3 py-4">
      {sections.map((section, i) => (
        <div key={section.label ?? i}>
          {section.label ? (
            <p
              id={`nav-${i}`}
              className="px-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase"
            >
              {section.label}
            </p>
          ) : null}
          <ul className="space-y-0.5" aria-labelledby={section.label ? `nav-${i}` : undefined}>
            {section.items.map((item) => {
              const active = item.href === current;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "block rounded-md px-3 py-2 text-sm font-medium",
                      focusRing,
                      active
                        ? "bg-brand-50 text-brand-700"
                        : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                    )}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
