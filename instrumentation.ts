// Runs once when the Next server starts (not at build time). The Node-only work lives in lib/boot.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerOrExit } = await import("./lib/boot/start-server");
  await startServerOrExit();
}
