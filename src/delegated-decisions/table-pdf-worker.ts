import { parentPort } from 'node:worker_threads';
import { type PdfTable, renderTablePdf } from './table-pdf';

/** A job for the worker, and its answer: the PDF, or why it could not be made. */
export interface TablePdfJob {
  id: number;
  model: PdfTable;
}
export type TablePdfAnswer = { id: number; pdf: Uint8Array } | { id: number; error: string };

/** The thread TablePdfRenderer starts: pdfkit's synchronous layout holds this thread, not the service's event loop. */
parentPort?.on('message', (job: TablePdfJob) => {
  renderTablePdf(job.model).then(
    (pdf) => parentPort!.postMessage({ id: job.id, pdf } satisfies TablePdfAnswer),
    (e: unknown) =>
      parentPort!.postMessage({
        id: job.id,
        error: e instanceof Error ? e.message : String(e),
      } satisfies TablePdfAnswer),
  );
});
