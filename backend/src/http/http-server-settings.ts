/**
 * The HTTP server's own limits, set in place of Node's defaults (README, "Running"). Node checks
 * the two request timeouts on a timer of its own, so a slow request may last up to that timer's
 * period beyond them.
 */
export const HTTP_SERVER_SETTINGS = {
  /** Long enough for a slow network to send a request line and headers, short against clients that never finish them. */
  headersTimeoutMs: 20_000,
  /** The whole request, body included; the answer, a long-poll's wait included, is not counted. */
  requestTimeoutMs: 30_000,
  /**
   * Above the 60 s idle limit of nginx's upstream keep-alive and of common load balancers: the
   * proxy, not the server, closes an idle connection, so never one it is sending a request on.
   */
  keepAliveTimeoutMs: 65_000,
  /** How long a connection answered with a parse error stays open for the client to read the answer. */
  errorLingerMs: 2_000,
  /** How long shutdown lets requests in progress finish before it closes their connections. */
  shutdownGraceMs: 5_000,
  /** Retry-After on sends refused during shutdown: by then the restarted server or another instance answers. */
  shutdownRetryAfterSeconds: 5,
} as const;
