/** Loading data from the API with loading and error states, cancelled when the page moves on. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getJson } from './api.ts';

export interface Loaded<T> { data: T | null; error: ApiError | null; loading: boolean; reload(): void }

/** GETs `path` (null: nothing); `keep`: show the previous data while the next loads (paging, filters). */
export function useApi<T>(path: string | null, opts: { keep?: boolean } = {}): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean; path: string | null }>({ data: null, error: null, loading: !!path, path });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) {
      setState({ data: null, error: null, loading: false, path });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ data: opts.keep ? s.data : null, error: null, loading: true, path }));
    getJson<T>(path, ctl.signal).then(
      (data) => setState({ data, error: null, loading: false, path }),
      (error) => {
        if ((error as Error).name === 'AbortError') return;
        setState({ data: null, error: error instanceof ApiError ? error : new ApiError(0, 'CLIENT', String(error)), loading: false, path });
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  if (state.path !== path) return { data: opts.keep ? state.data : null, error: null, loading: !!path, reload };
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Appends pages: "Load more" lists (timeline, speaker statements). Starts again when `base` changes. */
export function usePages<T>(base: string | null, pick: (page: any) => { items: T[]; hasMore: boolean }, size = 30) {
  const [pos, setPos] = useState({ base, offset: 0 });
  const offset = pos.base === base ? pos.offset : 0;
  const [tick, setTick] = useState(0);
  const [st, setSt] = useState<{ base: string | null; items: T[]; hasMore: boolean; loading: boolean; error: ApiError | null }>(
    { base, items: [], hasMore: false, loading: !!base, error: null });
  const pickRef = useRef(pick);
  pickRef.current = pick;
  useEffect(() => {
    if (!base) {
      setSt({ base, items: [], hasMore: false, loading: false, error: null });
      return;
    }
    const ctl = new AbortController();
    setSt((s) => ({ ...s, base, items: s.base === base ? s.items : [], loading: true, error: null }));
    const url = `${base}${base.includes('?') ? '&' : '?'}limit=${size}&offset=${offset}`;
    getJson<unknown>(url, ctl.signal).then(
      (page) => {
        const p = pickRef.current(page);
        setSt((s) => ({ base, items: offset === 0 ? p.items : [...s.items, ...p.items], hasMore: p.hasMore, loading: false, error: null }));
      },
      (error) => {
        if ((error as Error).name === 'AbortError') return;
        setSt((s) => ({ ...s, loading: false, error: error instanceof ApiError ? error : new ApiError(0, 'CLIENT', String(error)) }));
      },
    );
    return () => ctl.abort();
  }, [base, offset, tick, size]);
  const fresh = st.base === base;
  return {
    items: fresh ? st.items : [],
    hasMore: fresh && st.hasMore,
    loading: !fresh || st.loading,
    error: fresh ? st.error : null,
    reload: () => setTick((t) => t + 1),
    more: () => setPos({ base, offset: offset + size }),
  };
}
