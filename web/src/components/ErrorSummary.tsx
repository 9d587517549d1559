import { useEffect, useId, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import type { FieldErrors, FieldValues } from 'react-hook-form';

/**
 * The error summary of a form, as Swedish public-sector forms have it (the
 * GOV.UK and Designsystemet pattern): a box at the top of the form headed
 * "Det finns N fel", each error a link that moves focus to its field. It is
 * announced when it appears (role="alert") and takes focus after every failed
 * submit (`focusKey` counts them), so a keyboard or screen-reader user lands
 * on the list of what to fix, never on the page itself.
 */
export interface SummaryError {
  /** The form field (its name, as `data-field` marks it), or none for an error of the form as a whole. */
  field?: string;
  /** The field's label, said before the message unless the message already names it. */
  label?: string;
  message: string;
}

export function ErrorSummary({ errors, focusKey }: { errors: SummaryError[]; focusKey: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  // Focus waits for the render that shows the errors (they may come one update after the submit failed).
  const pending = useRef(false);
  useEffect(() => {
    if (focusKey > 0) pending.current = true;
  }, [focusKey]);
  useEffect(() => {
    if (!pending.current || errors.length === 0 || !ref.current) return;
    pending.current = false;
    ref.current.focus({ preventScroll: true });
    // Into view with what it belongs to: the form's own section (its heading), where it has one.
    (ref.current.closest('section') ?? ref.current).scrollIntoView({ block: 'start' });
  });
  // Each link points at its field's control (known once the form is on the page).
  const [targets, setTargets] = useState<Record<string, string>>({});
  useLayoutEffect(() => {
    const next: Record<string, string> = {};
    for (const e of errors) {
      const control = e.field ? controlOf(ref.current, e.field) : null;
      if (e.field && control?.id) next[e.field] = control.id;
    }
    if (JSON.stringify(next) !== JSON.stringify(targets)) setTargets(next);
  }, [errors, targets]);
  if (errors.length === 0) return null;

  const go = (event: MouseEvent, field: string): void => {
    const control = controlOf(ref.current, field);
    if (!control) return;
    event.preventDefault();
    control.focus({ preventScroll: true });
    control.scrollIntoView({ block: 'center' });
  };
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={headingId}>
      <h2 id={headingId} className="error-summary-heading">
        Det finns {errors.length} fel
      </h2>
      <ul>
        {errors.map((e, i) => {
          const text = e.label && !named(e.message, e.label) ? `${e.label}: ${e.message}` : e.message;
          return (
            <li key={`${e.field ?? ''}-${i}`}>
              {e.field ? (
                <a href={`#${targets[e.field] ?? ''}`} onClick={(event) => go(event, e.field!)}>
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Whether a message already says which field it is about ("Välj källa." for Källa). */
const named = (message: string, label: string): boolean => message.toLowerCase().includes(label.toLowerCase());

/** The control a field's link moves focus to: its input, text area or (for a select) its button. */
function controlOf(from: HTMLElement | null, field: string): HTMLElement | null {
  const form = from?.closest('form') ?? document;
  const wrapper = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
  if (!wrapper) return null;
  const candidates = wrapper.querySelectorAll<HTMLElement>('input, textarea, button');
  for (const el of candidates) {
    const hidden = el.closest('[aria-hidden="true"]') !== null || (el as HTMLInputElement).type === 'hidden';
    if (!hidden && el.tabIndex >= 0) return el;
  }
  return null;
}

/**
 * The errors of a react-hook-form form as the summary lists them, in the order the
 * fields are shown (`order`), each with its label; the form's own messages last.
 */
export function summaryOf<T extends FieldValues>(
  errors: FieldErrors<T>,
  labelOf: (field: string) => string | undefined,
  order: readonly string[],
  formMessages: readonly string[] = [],
): SummaryError[] {
  const found: SummaryError[] = [];
  const walk = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    const message = (node as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '' && path !== '') {
      found.push({ field: path, label: labelOf(path), message });
      return;
    }
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'ref' || key === 'type' || key === 'types' || key === 'root') continue;
      walk(child, path ? `${path}.${key}` : key);
    }
  };
  walk(errors, '');
  const rank = (field: string | undefined) => {
    const i = field ? order.indexOf(field) : -1;
    return i < 0 ? order.length : i;
  };
  found.sort((a, b) => rank(a.field) - rank(b.field));
  return [...found, ...formMessages.map((message) => ({ message }))];
}
