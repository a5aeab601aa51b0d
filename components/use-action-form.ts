"use client";
// Submit a form to a server action with pending state and the result, keeping what was typed
// when the action fails (React resets a <form action> after every submission).
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { ActionResult } from "@/lib/auth/action";
import { useHydrated } from "./ui/use-hydrated";

export function useActionForm<T>(
  submit: (data: FormData) => Promise<ActionResult<T>>,
  options: { resetOnSuccess?: boolean; onSuccess?: (data: T) => void } = {},
) {
  const [result, dispatch, pending] = useActionState<ActionResult<T> | null, FormData>(
    (_previous, data) => submit(data),
    null,
  );
  const ref = useRef<HTMLFormElement>(null);
  // Submit buttons wait for hydration: before it, the form cannot reach the action.
  const ready = useHydrated();
  const { resetOnSuccess = true, onSuccess } = options;

  useEffect(() => {
    if (!result?.ok) return;
    if (resetOnSuccess) ref.current?.reset();
    onSuccess?.(result.data);
    // Runs once per new result, not when the callbacks' identities change.
  }, [result]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };

  return { result, pending, ready, formProps: { ref, action: dispatch, onSubmit } };
}

/** A form field as a string ("" when absent). */
export function field(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}
