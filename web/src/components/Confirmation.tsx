import { useEffect, useRef } from 'react';

/**
 * What a saved step says ("Förhandsbedömning: sparat."): a live region that is always on the
 * page (so screen readers announce a new message), moved into view and given focus whenever a
 * new message comes (`messageKey` counts them), so the person reading further down the page sees
 * it and a keyboard user goes on from there.
 */
export function Confirmation({ message, messageKey }: { message?: string; messageKey: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!message || messageKey === 0 || !ref.current) return;
    ref.current.focus({ preventScroll: true });
    ref.current.scrollIntoView({ block: 'center' });
  }, [message, messageKey]);
  return (
    <div
      ref={ref}
      role="status"
      aria-live="polite"
      tabIndex={message ? -1 : undefined}
      className={message ? 'message message-success' : 'confirmation-empty'}
    >
      {message}
    </div>
  );
}
