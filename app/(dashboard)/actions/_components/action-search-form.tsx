"use client";
// The catalog search box: a GET form to /actions?q= (it works without JavaScript); with it,
// next/form navigates on the client, so the count under it is a live region that changes (and
// is read out) rather than part of a new page.
import Form from "next/form";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const CONTROLS = /[\u0000-\u001f\u007f]/g;

/**
 * A pasted tab or line break means a word break; sent as is, the front server would refuse the
 * whole URL (server/front.ts) with a plain-text 400 instead of this page.
 */
function spacesForControls(event: FormEvent<HTMLFormElement>) {
  const box = event.currentTarget.elements.namedItem("q");
  if (box instanceof HTMLInputElement) box.value = box.value.replace(CONTROLS, " ").trim();
}

export function ActionSearchForm({
  q,
  user,
  maxLength,
  invalid,
  describedBy,
}: {
  q: string;
  /** The chosen entity, kept in the search. */
  user?: string;
  maxLength: number;
  invalid: boolean;
  /** Id of the live region that says what the search found. */
  describedBy: string;
}) {
  return (
    <Form
      action="/actions"
      scroll={false}
      onSubmit={spacesForControls}
      role="search"
      aria-label="Search the action catalog"
      className="flex flex-wrap items-end gap-3"
    >
      <div className="min-w-0 flex-1 basis-60 space-y-1.5 sm:max-w-lg">
        <Label htmlFor="all-actions-q">Search all actions</Label>
        <Input
          id="all-actions-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={maxLength}
          placeholder="e.g. create issue, stripe customer"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        />
      </div>
      {user ? <input type="hidden" name="user" value={user} /> : null}
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </Form>
  );
}
