import { parentPort } from 'node:worker_threads';
import type { ReportModel } from './report-model';
import { type DocumentKind, renderDocument } from './render-document';

/** A job for the document worker thread, and its answer: the document, or why it could not be made. */
export interface PdfJob {
  id: number;
  model: ReportModel;
  kind?: DocumentKind;
}
export type PdfAnswer = { id: number; pdf: Uint8Array } | { id: number; error: string };

/**
 * The thread PdfRenderer starts: pdfkit lays out and compresses a report
 * synchronously (tens of ms warm, a few hundred cold), and a DOCX's charts
 * are rasterised and zipped, which here holds this thread and not the
 * service's event loop.
 */
parentPort?.on('message', (job: PdfJob) => {
  renderDocument(job.model, job.kind).then(
    (pdf) => parentPort!.postMessage({ id: job.id, pdf } satisfies PdfAnswer),
    (e: unknown) =>
      parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) } satisfies PdfAnswer),
  );
});
