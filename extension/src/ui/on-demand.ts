import { useEffect, useState } from 'preact/hooks';

/**
 * A part of the UI the popup's first load leaves out (issue #13: the popup opens on the conversation
 * list, which needs none of it). It is fetched when first wanted, or ahead of that with `load`.
 */
export interface OnDemand<T> {
  load(): Promise<T>;
  /** The module if it has arrived. */
  loaded(): T | undefined;
}

export function onDemand<T>(fetch: () => Promise<T>): OnDemand<T> {
  let module: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    load() {
      loading ??= fetch().then(
        (fetched) => (module = fetched),
        (failure: unknown) => {
          // A later render asks again rather than keep a failed fetch for ever.
          loading = undefined;
          throw failure;
        },
      );
      return loading;
    },
    loaded: () => module,
  };
}

/** The conversation view and the screens opened from the list, and the text of messages (links). */
export const screens = onDemand(() => import('./screens'));
/** The forms of a signed-out user. */
export const signInForms = onDemand(() => import('./LoginForm'));

/** The part's module, fetching it on first use: undefined (render nothing of it) until it has arrived. */
export function useOnDemand<T>(part: OnDemand<T>, wanted = true): T | undefined {
  const [, setArrived] = useState(0);
  const module = part.loaded();
  useEffect(() => {
    if (!wanted || module) return;
    let current = true;
    part.load().then(
      () => current && setArrived((n) => n + 1),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [part, wanted, module]);
  return module;
}
