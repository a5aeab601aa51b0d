// Runs once when the server starts: validate configuration, migrate, seed, start the sandbox;
// and on SIGTERM/SIGINT write the execution log's waiting rows and close the database.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/server/boot");
    await boot();
    const [{ runtime }, { flushOnShutdown }] = await Promise.all([
      import("./lib/server/runtime"),
      import("./lib/server/shutdown"),
    ]);
    flushOnShutdown((await runtime()).handle);
  }
}
