import { useEffect, useRef } from 'react';
import { ToggleButton } from 'react-aria-components';
import { STEP_GROUP } from '../../api/sv';
import { StepForm, type CaseView, type StaleChange } from './StepForm';

/**
 * "Nästa steg": the steps the server says the case allows now, one chosen at a
 * time and only its form shown (nothing of the rules is copied here). A case in
 * follow-up allows a dozen steps; drawn all at once they were a wall of forms.
 * Choosing a step moves focus to its form's heading, so a keyboard or screen
 * reader user lands where the form begins.
 */
export function NextStep({
  c,
  chosen,
  onChoose,
  onDone,
  onStale,
  onSubmitStart,
  resume,
}: {
  c: CaseView;
  /** The step whose form is shown (the page keeps it, so a new version of the case keeps it too). */
  chosen: string | undefined;
  onChoose: (step: string) => void;
  onDone: (title: string, stepId: string) => void;
  onStale: (change: StaleChange) => Promise<void>;
  onSubmitStart: () => void;
  /** The form to go back to after another person's change refused it (what was typed is kept). */
  resume: string | undefined;
}) {
  const steps = c.steps.filter((s) => s.available);
  const shown = steps.find((s) => s.id === chosen);
  // Focus goes to the heading only when the person chose the step here (a resumed form focuses its own message).
  const picked = useRef(false);
  useEffect(() => {
    if (!picked.current || !shown) return;
    picked.current = false;
    document.getElementById(`steg-${shown.id}`)?.focus();
  }, [shown]);
  if (steps.length === 0) return null;
  const groups = (Object.entries(STEP_GROUP) as Array<[keyof typeof STEP_GROUP, string]>).filter(([group]) =>
    steps.some((s) => s.group === group),
  );
  return (
    <section aria-labelledby="atgarder">
      <h2 id="atgarder">Nästa steg</h2>
      <p id="atgarder-hint">Välj vad du vill registrera. Bara de steg som ärendet tillåter nu visas.</p>
      {/* Grouped by the part of the work, each group named, so a screen reader can pass over a group at a time.
          (React Aria's Toolbar would make them one tab stop, but it moves the focus of a click back to the
          step last left, and the click is lost.) */}
      <div className="step-picker" role="group" aria-labelledby="atgarder" aria-describedby="atgarder-hint">
        {groups.map(([group, label]) => (
          <div key={group} className="step-group" role="group" aria-labelledby={`stegrupp-${group}`}>
            <span id={`stegrupp-${group}`} className="step-group-label">
              {label}
            </span>
            {steps
              .filter((s) => s.group === group)
              .map((s) => (
                <ToggleButton
                  key={s.id}
                  className="button-outline"
                  isSelected={s.id === shown?.id}
                  onChange={() => {
                    // Choosing the shown step again keeps it (a second press never hides a half-written form)
                    // and takes focus back to its heading.
                    if (s.id === shown?.id) {
                      document.getElementById(`steg-${s.id}`)?.focus();
                      return;
                    }
                    picked.current = true;
                    onChoose(s.id);
                  }}
                >
                  {s.title}
                </ToggleButton>
              ))}
          </div>
        ))}
      </div>
      {shown && (
        <StepForm
          key={`${shown.id}-${c.version}`}
          step={shown}
          caseView={c}
          onDone={() => onDone(shown.title, shown.id)}
          onStale={(change) => void onStale(change)}
          onSubmitStart={onSubmitStart}
          resume={resume === shown.id}
        />
      )}
    </section>
  );
}
