import { type ComponentType, type ReactNode, createElement, useEffect, useState } from 'react';

/** A screen whose code loads on demand, and can be fetched ahead (`preload`) before it is shown. */
export interface LazyScreen<P extends object> {
  (props: P): ReactNode;
  preload(): Promise<unknown>;
}

/**
 * A screen whose code loads on demand, without Suspense. React holds back a
 * Suspense boundary's content for up to 300 ms after its fallback showed
 * (its fallback throttle), so every case page opened waited that long with
 * its code already there; a screen loaded here shows as soon as its code and
 * its data are in. `preload` fetches the code ahead, so opening the screen
 * later waits for nothing but its data.
 */
export function screen<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): LazyScreen<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> =>
    (pending ??= load().then(
      (m) => (loaded = m.default),
      (error: unknown) => {
        // A failed fetch (the network, a new deployment) is tried again the next time.
        pending = undefined;
        throw error;
      },
    ));
  function Screen(props: P): ReactNode {
    const [component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (component) return;
      let live = true;
      preload().then(
        (c) => live && setComponent(() => c),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [component]);
    if (failed) return <p role="alert">Sidan kunde inte laddas. Ladda om sidan och försök igen.</p>;
    return component ? createElement(component, props) : <p role="status">Laddar…</p>;
  }
  return Object.assign(Screen, { preload });
}
