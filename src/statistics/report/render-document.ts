import { renderDocx, renderMemoDocx } from './report-docx';
import type { ReportModel } from './report-model';
import { renderPdf } from './report-pdf';

/** What a job makes: the report as PDF or DOCX, or the memo (tjänsteutlåtande) as DOCX. */
export type DocumentKind = 'pdf' | 'report' | 'memo';

/** One job for the report's worker thread: the model and what to make of it. */
export interface ReportJob {
  model: ReportModel;
  kind: DocumentKind;
}

/** Renders one document in the calling thread (the worker's, or the service's when there is no worker). */
export function renderDocument(model: ReportModel, kind: DocumentKind = 'pdf'): Promise<Buffer> {
  return kind === 'report' ? renderDocx(model) : kind === 'memo' ? renderMemoDocx(model) : renderPdf(model);
}

export const renderReportJob = (job: ReportJob): Promise<Buffer> => renderDocument(job.model, job.kind);
