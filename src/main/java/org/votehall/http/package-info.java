/**
 * The HTTP edge: the router built from {@code openapi.yaml} (every request validated against the
 * contract first), authentication per role, small handlers that call the hall on worker threads,
 * refusals mapped to statuses in one place, and live status over server-sent events.
 */
package org.votehall.http;
