export * from "./keyring";
export * from "./hash";
