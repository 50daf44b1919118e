/**
 * Runs once per server process before it serves. In the Node.js runtime it installs the hook that records
 * each request's real client address (lib/net/peer-hook.ts; the Edge runtime has no sockets to read) and
 * checks PUBLIC_URL, and starts the quality job (lib/members/quality/job.ts: flags doubtful sign-ups from the
 * queue the members trigger fills; QUALITY_JOB=off leaves it to another process).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installClientAddressHook } = await import("@/lib/net/peer-hook");
    installClientAddressHook();
    // A malformed PUBLIC_URL stops the server at start, naming the setting, rather than on the first card.
    const { publicUrl } = await import("@/lib/net/public-url");
    publicUrl();
    const [{ startQualityJob }, { getDb }] = await Promise.all([import("@/lib/members/quality/job"), import("@/db/client")]);
    startQualityJob(getDb);
  }
}
