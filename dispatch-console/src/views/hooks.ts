import { useEffect, useState } from 'preact/hooks';
import type { Store } from '../state/store';

/** The store's current state; the component re-renders on every change. */
export function useStoreState<S>(store: Store<S, unknown>): S {
  const [state, setState] = useState(store.getState());
  useEffect(() => {
    setState(store.getState());
    return store.subscribe(setState);
  }, [store]);
  return state;
}

/** The current time, updated every `intervalMs` (ages in the queue count up by the second). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
