// The container's HEALTHCHECK: exits 0 when GET /healthz on HEALTH_PORT answers 200, 1 otherwise.
// Plain node (slim images have no curl). Its output is what `docker inspect` shows for each check.
const port = process.env.HEALTH_PORT;
if (!port) {
  console.error('HEALTH_PORT is not set, so there is no /healthz to check');
  process.exit(1);
}
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4_000) });
  console.log(`${res.status} ${(await res.text()).trim()}`);
  process.exit(res.status === 200 ? 0 : 1);
} catch (error) {
  console.error(`no answer from /healthz on HEALTH_PORT ${port}: ${error.message}`);
  process.exit(1);
}
