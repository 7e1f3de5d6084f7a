// The implementations page's later pages: read one after another, behind the first page the user
// already sees (the page reads 25 implementations per call, within Forge's 25 s).
import { useEffect, useState } from 'react';
import type { ImplementationRow, ImplementationsView } from '../../src/contracts/implementations';
import { implementations } from './api';

interface LaterPages {
  rows: ImplementationRow[];
  warnings: string[];
  /** The cursor still to read; null once every page is in. */
  next: string | null;
  error: string | null;
}

/** The pages after the first, read one after another while the first is already shown. */
export function useLaterPages(first: ImplementationsView | null): LaterPages {
  const [later, setLater] = useState<LaterPages>({ rows: [], warnings: [], next: null, error: null });
  useEffect(() => {
    let current = true;
    setLater({ rows: [], warnings: [], next: first?.nextCursor ?? null, error: null });
    void (async () => {
      let cursor = first?.nextCursor ?? null;
      while (cursor !== null) {
        const r = await implementations.get(cursor).catch((e: unknown) => ({
          ok: false as const,
          error: e instanceof Error ? e.message : String(e),
        }));
        if (!current) return;
        if (!r.ok) {
          const error = r.error;
          setLater((l) => ({ ...l, error }));
          return;
        }
        const page = r.data;
        cursor = page.nextCursor;
        setLater((l) => ({
          rows: [...l.rows, ...page.implementations],
          warnings: [...l.warnings, ...page.warnings],
          next: page.nextCursor,
          error: null,
        }));
      }
    })();
    return () => {
      current = false;
    };
  }, [first]);
  return later;
}
