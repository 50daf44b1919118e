import http from "node:http";
import { CLIENT_ADDRESS_HEADER, proxyTrustFromEnv, resolveClientAddress } from "@/lib/net/client-address";

const INSTALLED = Symbol.for("sadasyata.clientAddressHook");

/**
 * Every `request` event of every HTTP server in this process first gets CLIENT_ADDRESS_HEADER set from its
 * socket (and the trusted proxies' X-Forwarded-For entries), replacing any value the client sent. `next start`
 * creates its server before this runs, so the hook sits on the prototype that server already uses.
 */
export function installClientAddressHook(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (...args: unknown[]) => boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const trust = proxyTrustFromEnv();
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: unknown, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const xff = req.headers["x-forwarded-for"];
      req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(Array.isArray(xff) ? xff.join(",") : xff, req.socket?.remoteAddress, trust);
    }
    return emit.call(this, event, ...args);
  };
}
