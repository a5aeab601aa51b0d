"use client";
// The header's search box: "/" focuses it, typing suggests entities and connections (combobox),
// Enter opens the highlighted suggestion or the results page /search?q=…. Without JavaScript it
// is a plain GET form to the same page.
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { cn, focusRing } from "./ui/cn";

interface Suggestion {
  id: string;
  href: string;
  title: string;
  detail: string;
}

interface SearchBody {
  entities: Array<{ external_id: string; connection_count: number }>;
  connections: Array<{
    id: string;
    entity_id: string;
    app_key: string;
    status: string;
    upstream_login: string | null;
    match: "id" | "login";
  }>;
}

const MIN_CHARS = 2;
const DEBOUNCE_MS = 200;
const statusWords: Record<string, string> = {
  INITIATED: "initiated",
  ACTIVE: "active",
  FAILED: "failed",
  EXPIRED: "expired",
  INACTIVE: "inactive",
  REVOKED: "revoked",
};

function toSuggestions(body: SearchBody): Suggestion[] {
  return [
    ...body.entities.slice(0, 5).map((e) => ({
      id: `e:${e.external_id}`,
      href: `/entities/${encodeURIComponent(e.external_id)}`,
      title: e.external_id,
      detail: `Entity · ${e.connection_count} connection${e.connection_count === 1 ? "" : "s"}`,
    })),
    ...body.connections.slice(0, 5).map((c) => ({
      id: `c:${c.id}`,
      href: `/connections/${encodeURIComponent(c.id)}`,
      title: c.match === "login" && c.upstream_login ? c.upstream_login : c.id,
      detail: `${c.app_key} connection of ${c.entity_id} · ${statusWords[c.status] ?? c.status}`,
    })),
  ];
}

/** Whether a key press happened where "/" should type a slash, not jump to search. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function GlobalSearch() {
  const router = useRouter();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);

  // "/" anywhere but in a field focuses the box (GitHub's and Slack's shortcut).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // Suggestions: debounced, the previous request aborted; failures just show none.
  const term = q.trim();
  useEffect(() => {
    if (term.length < MIN_CHARS) {
      setItems([]);
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      fetch(`/api/dashboard/search?q=${encodeURIComponent(term)}`, {
        signal: controller.signal,
        cache: "no-store",
      })
        .then(async (res) => (res.ok ? toSuggestions((await res.json()) as SearchBody) : []))
        .then((next) => {
          setItems(next);
          setActive(-1);
          setLoading(false);
        })
        .catch(() => {
          if (!controller.signal.aborted) {
            setItems([]);
            setLoading(false);
          }
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [term]);

  const all: Suggestion[] = term
    ? [
        ...items,
        {
          id: "search",
          href: `/search?q=${encodeURIComponent(term)}`,
          title: `Search for “${term}”`,
          detail: "All results",
        },
      ]
    : [];
  const expanded = open && all.length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;

  const go = (href: string) => {
    setOpen(false);
    setActive(-1);
    input.current?.blur();
    router.push(href);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (all.length === 0) return;
      e.preventDefault();
      setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      // Wraps around; from the box itself (-1), up goes to the last suggestion.
      setActive((i) =>
        i < 0 ? (step > 0 ? 0 : all.length - 1) : (i + step + all.length) % all.length,
      );
    } else if (e.key === "Escape") {
      if (expanded) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (q) {
        e.preventDefault();
        setQ("");
      } else input.current?.blur();
    }
  };

  return (
    <form
      role="search"
      aria-label="Quick search"
      action="/search"
      method="get"
      className="relative w-full max-w-sm min-w-56"
      onSubmit={(e) => {
        e.preventDefault();
        const chosen = expanded && active >= 0 ? all[active] : undefined;
        if (chosen) go(chosen.href);
        else if (term) go(`/search?q=${encodeURIComponent(term)}`);
      }}
    >
      <label htmlFor={`${listId}-input`} className="sr-only">
        Search entities, connections and upstream logins
      </label>
      <input
        ref={input}
        id={`${listId}-input`}
        name="q"
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts="/"
        autoComplete="off"
        spellCheck={false}
        placeholder="Search entities, connections…"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={cn(
          "h-9 w-full rounded-md border border-slate-300 bg-white pr-9 pl-3 text-sm text-slate-900 placeholder:text-slate-500",
          focusRing,
        )}
      />
      <kbd
        aria-hidden="true"
        hidden={q.length > 0}
        className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs text-slate-600"
      >
        /
      </kbd>
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!expanded}
        className="absolute z-30 mt-1 max-h-96 w-full overflow-y-auto rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
      >
        {all.map((s, i) => (
          <li
            key={s.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              go(s.href);
            }}
            onMouseEnter={() => setActive(i)}
            className={cn(
              "cursor-pointer px-3 py-2",
              i === active ? "bg-brand-50" : "hover:bg-slate-50",
            )}
          >
            <span className="block truncate text-sm font-medium text-slate-900">{s.title}</span>
            <span className="block truncate text-xs text-slate-600">{s.detail}</span>
          </li>
        ))}
      </ul>
      <span className="sr-only" aria-live="polite">
        {open && term.length >= MIN_CHARS && !loading
          ? `${items.length} suggestion${items.length === 1 ? "" : "s"}`
          : ""}
      </span>
    </form>
  );
}
