// The local tenant's clock: real time plus an offset that tests move forward (control: advanceTime, setTime), so
// that a token horizon, a session's end, a PIM activation's lapse or the age of an audit event comes in seconds.

/**
 * oidc-provider reads the real clock itself; it only ever runs behind this one (the offset never goes below 0), so
 * the tenant's own Entra rules, which read this clock and run before oidc-provider sees a request, decide every
 * expiry. Lifetimes given to oidc-provider are lengthened by the offset (`ttl`), so an expiry it writes is this
 * clock's now plus the lifetime.
 */
export class TenantClock {
  private offsetMs = 0;

  /** Epoch ms, as the tenant sees it. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Epoch seconds, as tokens carry them. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** How far ahead of the real clock the tenant runs, in whole seconds (what oidc-provider's lifetimes add). */
  aheadSeconds(): number {
    return Math.floor(this.offsetMs / 1000);
  }

  advance(ms: number): number {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new Error('advanceTime needs a number of milliseconds of 0 or more.');
    this.offsetMs += ms;
    return this.now();
  }

  /** Jump to `epochMs`; the clock never goes back (tokens already issued would outlive their lifetimes). */
  set(epochMs: number): number {
    const ahead = epochMs - Date.now();
    if (!Number.isFinite(epochMs) || ahead < this.offsetMs) throw new Error('setTime cannot move the tenant clock back.');
    this.offsetMs = ahead;
    return this.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
