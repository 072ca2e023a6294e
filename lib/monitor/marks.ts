import type { Severity } from './types';

/** A shape per severity as well as a colour, so that the state never rests on colour alone. */
export const SEVERITY_MARKS: Record<Severity, string> = { ok: '✓', info: '◌', warning: '▲', error: '✕' };
