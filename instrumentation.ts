/** Runs once per server process, before it answers requests. */
export async function register() {
  // The Edge runtime has no sockets; Node's diagnostics channel is Node-only.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampPeerAddresses } = await import("@/lib/http/peer-address");
  stampPeerAddresses();
  const { drainTurnsOnSignals } = await import("@/lib/chat/shutdown-signals");
  drainTurnsOnSignals();
  const { logHttpRequests } = await import("@/lib/observability/http-requests");
  logHttpRequests();
}
