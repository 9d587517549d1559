import {
  code,
  integer,
  localDate,
  nullable,
  object,
  oneOf,
  personalText,
  refine,
  text,
  type Infer,
} from '../../../kernel/shape';
import { conflict, rule } from '../../domain/case-errors';
import { registeredCase } from '../../domain/rules';
import { caseEvent, defineStep } from '../../domain/step';
import { coded, user } from '../../domain/details';

/** The kinds of file a case keeps as evidence, decided from the file's bytes (never its name or the client's header). */
export const ATTACHMENT_KINDS = {
  pdf: 'PDF-dokument',
  jpeg: 'JPEG-bild',
  png: 'PNG-bild',
  docx: 'Word-dokument (DOCX)',
  xlsx: 'Excel-arbetsbok (XLSX)',
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

/** The largest attachment: 25 MB (the file store's own limit, src/files). */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

/**
 * At most this many attachments a case: what the case page lists and the
 * folded case holds stays bounded. A FUT case's evidence (bank statements,
 * decisions, registers from other authorities) is a few dozen files.
 */
export const MAX_ATTACHMENTS = 500;

const sha256Hex = refine(text({ max: 64 }), (value) =>
  /^[0-9a-f]{64}$/.test(value) ? undefined : { field: '', message: 'must be a sha-256 in hex' },
);

const attachmentAddedShape = object({
  /** The file's opaque id in the file store (random; never derived from a name). */
  attachmentId: code(),
  addedOn: localDate,
  /** Who added it (the signed-in user). */
  addedBy: code(),
  kind: oneOf(ATTACHMENT_KINDS),
  /** Bytes of the file as uploaded. */
  size: integer({ min: 1, max: ATTACHMENT_MAX_BYTES }),
  /** sha-256 of the file's plain bytes, to check a download against. */
  sha256: sha256Hex,
  /** The file's name as uploaded: personal data (it often names the person), encrypted with the person's key. */
  name: personalText(),
  description: nullable(personalText()),
});

/** What an AttachmentAdded event holds. */
export type AttachmentAddedData = Infer<typeof attachmentAddedShape>;

/**
 * A file of evidence kept with the case (a bank statement, a decision, a
 * register extract). What the investigation rests on must be documented and
 * kept with the case (dokumentationsskyldighet, 11 kap. 5 § SoL 2001:453,
 * 14 kap. 3 § SoL 2025:400, as the journal step reads it); a document received
 * is an allmän handling (2 kap. 4 och 10 §§ TF), so there is no step that
 * removes one: it goes with the case's culling. The file itself is encrypted
 * with the person's data key in the file store; the event holds its id, type,
 * size and sha-256, and its name and description encrypted.
 */
export const AttachmentAdded = caseEvent('AttachmentAdded', {
  shape: attachmentAddedShape,
  label: 'Bilaga tillagd',
  on: (d) => d.addedOn,
  details: (d) => [coded('Slag av fil', ATTACHMENT_KINDS, d.kind), user('Tillagd av', d.addedBy)],
  // Evidence added is not a step of the process: later steps may be dated before it.
  movesLastStep: false,
  evolve: (c, d) => ({ ...c, attachments: [...c.attachments, { ...d }] }),
  statistics: { reads: ['addedOn'], facts: () => [] },
});

export interface AddAttachmentData {
  attachmentId: string;
  addedBy: string;
  kind: AttachmentKind;
  size: number;
  sha256: string;
  name: string;
  description: string | null;
}

export const attachment = defineStep({
  id: 'attachment',
  command: 'AddAttachment',
  auditLabel: 'Lade till en bilaga',
  actors: 'case-handlers',
  // POST /api/cases/{id}/attachments: a multipart upload, streamed to the file store before the step is decided.
  http: null,
  refusals: {
    'attachment-limit-reached': [
      'rule',
      `Ärendet har redan ${MAX_ATTACHMENTS} bilagor, det största antal ett ärende tar.`,
    ],
    'attachment-exists': ['conflict', 'Bilagan finns redan i ärendet.'],
  },
  // A closed case still takes evidence, as it takes journal notes; a voided or culled one does not.
  requires: registeredCase,
  decide: (d: AddAttachmentData, c, { today }) => {
    if (c.attachments.some((a) => a.attachmentId === d.attachmentId))
      throw conflict('attachment-exists', `The case already holds attachment ${d.attachmentId}`);
    if (c.attachments.length >= MAX_ATTACHMENTS)
      throw rule(
        'attachment-limit-reached',
        `The case holds ${MAX_ATTACHMENTS} attachments, the most it takes`,
        'file',
      );
    return [
      AttachmentAdded.of({
        attachmentId: d.attachmentId,
        addedOn: today,
        addedBy: d.addedBy,
        kind: d.kind,
        size: d.size,
        sha256: d.sha256,
        name: d.name,
        description: d.description,
      }),
    ];
  },
});
