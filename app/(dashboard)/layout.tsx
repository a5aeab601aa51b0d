// The operator dashboard: sidebar, project switcher, operator menu. Pages check roles themselves.
import Link from "next/link";
import type { ReactNode } from "react";
import { GlobalSearch } from "@/components/global-search";
import { MobileNav } from "@/components/mobile-nav";
import { OperatorMenu } from "@/components/operator-menu";
import { ProjectSwitcher } from "@/components/project-switcher";
import { Providers } from "@/components/providers";
import { Sidebar, type NavSection } from "@/components/sidebar";
import { ThemeToggle } from "@/components/theme-toggle";
import { requireOperator } from "@/lib/auth/session";
import { can } from "@/lib/core/roles";
import { signOutAction } from "./account/actions";
import { switchProjectAction } from "./settings/projects/actions";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const ctx = await requireOperator();
  const settings = [
    { href: "/settings", label: "Project" },
    can(ctx.role, "api_keys.manage") && { href: "/settings/api-keys", label: "API keys" },
    can(ctx.role, "settings.manage") && { href: "/settings/webhooks", label: "Webhooks" },
    can(ctx.role, "operators.manage") && { href: "/settings/operators", label: "Operators" },
    can(ctx.role, "audit.read") && { href: "/settings/audit", label: "Audit log" },
  ].filter((i) => i !== false);
  const sections: NavSection[] = [
    {
      items: [
        { href: "/", label: "Overview" },
        { href: "/entities", label: "Entities" },
        { href: "/connections", label: "Connections" },
        { href: "/integrations", label: "Integrations" },
        { href: "/apps", label: "Apps" },
        { href: "/actions", label: "Actions" },
        { href: "/logs", label: "Logs" },
      ],
    },
    { label: "Settings", items: settings },
  ];

  return (
    <Providers>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        Skip to content
      </a>
      <div className="flex min-h-screen">
        {/* Narrower below 1280 px: at 1024 px the pages' tables need the room; below 1024 px
            the navigation folds into the header's Menu button (MobileNav). */}
        <div className="hidden w-48 shrink-0 border-r border-slate-200 bg-white lg:block xl:w-56">
          <aside className="sticky top-0 h-screen overflow-y-auto">
            <Link
              href="/"
              className="focus-visible:outline-brand-500 flex h-14 items-center gap-2 border-b border-slate-200 px-6 text-base font-semibold tracking-tight text-slate-900 focus-visible:outline-2"
            >
              <span aria-hidden="true" className="bg-brand-600 size-2.5 rounded-sm" />
              Keyport
            </Link>
            <Sidebar sections={sections} />
          </aside>
        </div>
        <div className="flex min-w-0 flex-1 flex-col">
          {/* Below 768 px the search takes its own row under the menu, project and account. */}
          <header className="sticky top-0 z-10 flex min-h-14 flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white/95 px-4 py-2 backdrop-blur sm:px-6">
            <MobileNav sections={sections} />
            <ProjectSwitcher
              projects={ctx.projects.map((p) => ({ id: p.id, name: p.name, role: p.role }))}
              currentId={ctx.project.id}
              canCreate={can(ctx.role, "projects.create")}
              switchProject={switchProjectAction}
            />
            <div className="order-last flex basis-full justify-center md:order-none md:flex-1 md:basis-auto">
              <GlobalSearch />
            </div>
            <div className="ml-auto flex min-w-0 items-center gap-2 md:ml-0">
              <ThemeToggle />
              <OperatorMenu
                name={ctx.operator.name}
                email={ctx.operator.email}
                role={ctx.role}
                signOut={signOutAction}
              />
            </div>
          </header>
          {/* Keyed by project: switching projects drops every page's client state
              (a one-time key or half-filled form belongs to the project it was made in). */}
          <main
            key={ctx.project.id}
            id="main"
            tabIndex={-1}
            className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8"
          >
            {children}
          </main>
        </div>
      </div>
    </Providers>
  );
}
