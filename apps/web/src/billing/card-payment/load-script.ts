import { useCallback, useEffect, useState } from 'react';

const loaded = new Map<string, Promise<void>>();

/**
 * Adds the processor's script to the page once per URL; every caller waits on the same load. A
 * load that fails is forgotten (its element removed), so trying again asks the network again.
 */
export function loadScript(url: string): Promise<void> {
  const known = loaded.get(url);
  if (known) return known;
  const loading = new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener(
      'error',
      () => {
        loaded.delete(url);
        script.remove();
        reject(new Error(`could not load ${url}`));
      },
      { once: true },
    );
    document.head.appendChild(script);
  });
  loaded.set(url, loading);
  return loading;
}

export type ScriptState = 'loading' | 'ready' | 'failed';

/** {@link loadScript} as a component sees it, with `retry` after a failure. */
export function useScript(url: string): { state: ScriptState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ url: string; attempt: number; state: ScriptState }>();
  useEffect(() => {
    let current = true;
    loadScript(url).then(
      () => current && setState({ url, attempt, state: 'ready' }),
      () => current && setState({ url, attempt, state: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [url, attempt]);
  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  const settled = state && state.url === url && state.attempt === attempt ? state.state : 'loading';
  return { state: settled, retry };
}
