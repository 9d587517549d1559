import { Fragment } from 'react';
import type { Schemas } from '../../api/client';

/**
 * A recorded step's facts as the service writes them (amounts, law, coded reasons, outcomes, who decided;
 * never a personal field), compactly: under each step the "changed" box lists, so a person sees what the
 * other person recorded before doing their own again.
 */
export function StepFacts({ details }: { details: Schemas['HistoryEntryDto']['details'] }) {
  if (details.length === 0) return null;
  return (
    <dl className="facts compact">
      {details.map((d, i) => (
        <Fragment key={i}>
          <dt>{d.label}</dt>
          <dd>{d.text}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
