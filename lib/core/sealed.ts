// Encrypted JSON columns: every secret field goes through here, bound to its row and field.
import type { Binding } from "@/lib/crypto";
import { maskSecret } from "@/lib/crypto";
import { registerSecret } from "@/lib/log";
import type { Deps } from "./deps";

export type SecretBag = Record<string, string>;

/** Encrypt a bag of secrets for one row's field. */
export function seal(deps: Pick<Deps, "keyring">, binding: Binding, bag: SecretBag): string {
  return deps.keyring.encrypt(JSON.stringify(bag), binding);
}

/** Decrypt a bag; each value is registered for log redaction. */
export function unseal(
  deps: Pick<Deps, "keyring">,
  binding: Binding,
  ciphertext: string,
): SecretBag {
  const bag = JSON.parse(deps.keyring.decrypt(ciphertext, binding)) as SecretBag;
  for (const v of Object.values(bag)) registerSecret(v);
  return bag;
}

/** Masked hints for display: `{access_token: "gho_…x7Qa"}`. */
export function hintsOf(bag: SecretBag): Record<string, string> {
  return Object.fromEntries(
    Object.entries(bag)
      .filter(([, v]) => typeof v === "string" && v)
      .map(([k, v]) => [k, maskSecret(v)]),
  );
}
