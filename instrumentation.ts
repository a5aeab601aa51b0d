// Runs once when the server starts: validate configuration, migrate, seed, start the sandbox;
// and on SIGTERM/SIGINT write the execution log's waiting rows and close the database; then
// publish the lean path's handlers (lib/server/lean-routes.ts) for the front server.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/server/boot");
    await boot();
    const [{ runtime }, { flushOnShutdown }] = await Promise.all([
      import("./lib/server/runtime"),
      import("./lib/server/shutdown"),
    ]);
    flushOnShutdown((await runtime()).handle);
    // The lean path (issue 16): the hot routes' handlers, from this bundle, for the front server.
    const { leanEnabled, publishLeanRoutes } = await import("./lib/server/lean-routes");
    if (leanEnabled(process.env.KEYPORT_LEAN, process.env.NODE_ENV === "development")) {
      const { leanRoutes } = await import("./app/api/lean-routes");
      publishLeanRoutes(leanRoutes);
    }
  }
}
