import type { MiddlewareHandler } from 'hono';

/**
 * Only our own files may run or style the page: no inline script, no other site, no frames. Chart.js
 * draws on a canvas and sets styles from script (the CSSOM), which `style-src 'self'` allows.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every answer; personal pages (all but the assets) are never cached. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  // The sign-in link carries its token in the path: never pass it on to another site.
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  if (!c.req.path.startsWith('/assets/')) c.header('Cache-Control', 'no-store');
};
