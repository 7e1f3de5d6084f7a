import { useCallback, useEffect, useState } from 'react';
import type { ResolverResult } from '../../src/contracts/result';

export type Load<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: string };

/** Calls a resolver when the view mounts (and when `retry` is called); stale answers are dropped. */
export function useResolver<T>(
  call: () => Promise<ResolverResult<T>>,
  deps: readonly unknown[],
): Load<T> & { retry: () => void } {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const run = useCallback(call, deps);
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    run().then(
      (r) =>
        current && setState(r.ok ? { status: 'ready', data: r.data } : { status: 'error', error: r.error }),
      (e: unknown) =>
        current && setState({ status: 'error', error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [run, attempt]);
  return { ...state, retry: () => setAttempt((a) => a + 1) };
}
