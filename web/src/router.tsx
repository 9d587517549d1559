import { useEffect, useState } from 'react';

/**
 * A few pages need no routing library: the path is the state, links push to
 * history, and React Aria's RouterProvider makes its links use `navigate`.
 */
export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = (): void => setPath(window.location.pathname);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – FUT-ärenden`;
  }, [title]);
}
