/** The OAuth client Keyport registers at its own sandbox provider. */
export const SANDBOX_CLIENT_ID = "keyport";
