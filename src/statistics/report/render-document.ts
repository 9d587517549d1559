import { renderDocx, renderMemoDocx } from './report-docx';
import type { ReportModel } from './report-model';
import { renderPdf } from './report-pdf';

/** What a job makes: the report as PDF or DOCX, or the memo (tjänsteutlåtande) as DOCX. */
export type DocumentKind = 'pdf' | 'report' | 'memo';

/** Renders one document in the calling thread (the worker's, or the service's when there is no worker). */
export function renderDocument(model: ReportModel, kind: DocumentKind = 'pdf'): Promise<Buffer> {
  return kind === 'report' ? renderDocx(model) : kind === 'memo' ? renderMemoDocx(model) : renderPdf(model);
}
