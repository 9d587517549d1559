import { localDate, object, oneOf, personalText, type Infer } from '../../../kernel/shape';
import { JOURNAL_KIND_LABELS } from '../../domain/catalogues';
import { checkDate, registeredCase } from '../../domain/rules';
import { caseEvent, choiceField, dateField, defineStep, textField } from '../../domain/step';
import { coded } from '../../domain/details';

/**
 * A journal note, or the person's objection, which must be documented
 * (11 kap. 5 § SoL 2001:453, 14 kap. 3 och 6 §§ SoL 2025:400).
 */
const journalEntryAddedShape = object({ notedOn: localDate, kind: oneOf(JOURNAL_KIND_LABELS), text: personalText() });

/** What a JournalEntryAdded event holds. */
export type JournalEntryAddedData = Infer<typeof journalEntryAddedShape>;

export const JournalEntryAdded = caseEvent('JournalEntryAdded', {
  shape: journalEntryAddedShape,
  label: 'Journalanteckning',
  on: (d) => d.notedOn,
  details: (d) => [coded('Slag', JOURNAL_KIND_LABELS, d.kind)],
  movesLastStep: false,
  evolve: (c, d) => ({ ...c, journal: [...c.journal, { ...d }] }),
  statistics: { reads: ['notedOn'], facts: () => [] },
});

export const journalEntry = defineStep({
  id: 'journal-entry',
  command: 'AddJournalEntry',
  auditLabel: 'Journalanteckning',
  actors: 'case-handlers',
  http: {
    route: 'journal',
    summary: "Add a journal entry (note, or the person's objection).",
    title: 'Ny journalanteckning',
    submit: 'Spara anteckning',
    request: {
      notedOn: dateField('Datum'),
      kind: choiceField(JOURNAL_KIND_LABELS, 'Slag', { initial: () => 'note' }),
      text: textField('Text', { max: 10_000, multiline: true }),
    },
    toCommand: (b) => ({ notedOn: b.notedOn, kind: b.kind, text: b.text }),
  },
  refusals: {},
  // A closed case still takes notes: what happens after closing is documented too.
  requires: registeredCase,
  decide: (d, c, { today }) => {
    checkDate(c, 'notedOn', d.notedOn, today);
    return [JournalEntryAdded.of({ ...d })];
  },
});
