/**
 * The one clock type: what time it is now. Use cases and adapters take it (tests pass a fixed
 * one); the pure rules here never read it, they take dates instead.
 * It is the only clock type in Runway: take a Clock, never an epoch-millisecond `() => number`.
 */
export type Clock = () => Date;
