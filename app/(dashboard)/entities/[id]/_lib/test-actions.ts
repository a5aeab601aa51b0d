// The cheap read action support staff run to check a connection ("who am I" at the provider).
const TEST_ACTIONS: Readonly<Record<string, string>> = {
  sandbox: "SANDBOX_GET_THE_AUTHENTICATED_USER",
  sandbox_key: "SANDBOX_KEY_GET_THE_AUTHENTICATED_USER",
  github: "GITHUB_GET_THE_AUTHENTICATED_USER",
};

/** The test action of an app, or null when it has none (the button is then hidden). */
export function testActionFor(appKey: string): string | null {
  return TEST_ACTIONS[appKey] ?? null;
}
