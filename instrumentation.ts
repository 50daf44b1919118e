/**
 * Runs once per server process before it serves. In the Node.js runtime it installs the hook that records
 * each request's real client address (lib/net/peer-hook.ts); the Edge runtime has no sockets to read.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installClientAddressHook } = await import("./lib/net/peer-hook");
    installClientAddressHook();
  }
}
