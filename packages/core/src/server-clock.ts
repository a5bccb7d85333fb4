// The intake's clock, learned from the `Date` header of its answers (the outbox notes each one):
// a time source the device's user cannot move. Minutes precision is all it needs (the header has
// seconds); it follows the monotonic clock between answers. A cross-origin intake must list `Date`
// in `Access-Control-Expose-Headers` for the page to read it.

let base: { server: number; mono: number } | null = null;

const monotonic = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Note the `Date` header of an intake answer (ignored when absent or unparseable). */
export function noteServerDate(header: string | null | undefined): void {
  if (!header) return;
  const server = Date.parse(header);
  if (Number.isFinite(server)) base = { server, mono: monotonic() };
}

/** The intake's time now (epoch ms), or null when no answer has been seen in this page. */
export function serverNow(): number | null {
  return base ? base.server + (monotonic() - base.mono) : null;
}

/** Forget the intake's time (tests). */
export function resetServerClock(): void {
  base = null;
}
