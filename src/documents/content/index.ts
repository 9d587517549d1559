import type { DocumentType } from '../../cases/steps/document/document.step';
import type { DocumentContent } from './document-content';
import type { DocumentInput } from './parts';
import { authorityNotification } from './types/authority-notification';
import { communicationLetter } from './types/communication-letter';
import { compensationSuitApplication } from './types/compensation-suit-application';
import { policeReport } from './types/police-report';
import { repaymentClaimDecision } from './types/repayment-claim-decision';
import { repaymentPlan } from './types/repayment-plan';
import { waiverDecision } from './types/waiver-decision';

export * from './document-content';
export type { DocumentInput } from './parts';

/** Each document type's content model: made from the case and the issuing's inputs alone. */
const BUILDERS: { [T in DocumentType]: (input: DocumentInput) => DocumentContent<T> } = {
  'communication-letter': communicationLetter,
  'repayment-claim-decision': repaymentClaimDecision,
  'repayment-plan': repaymentPlan,
  'police-report': policeReport,
  'compensation-suit-application': compensationSuitApplication,
  'waiver-decision': waiverDecision,
  'authority-notification': authorityNotification,
};

/** The content of a document of `type` made from the case (whose availability the step has checked). */
export function buildDocument(type: DocumentType, input: DocumentInput): DocumentContent {
  return BUILDERS[type](input) as DocumentContent;
}
