import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PdfThread } from '../../common/pdf/pdf-thread';
import type { ReportModel } from './report-model';
import { renderPdf } from './report-pdf';

/** The compiled worker beside this file; absent when the sources run as TypeScript (ts-jest), which a worker cannot load. */
const BUILT_WORKER = join(__dirname, 'pdf-worker.js');

/**
 * Renders report PDFs in one worker thread (PdfThread, shared with the case
 * documents), started on the first report, so pdfkit's synchronous layout
 * never holds the event loop that answers every other request.
 */
@Injectable()
export class PdfRenderer extends PdfThread<ReportModel> implements OnApplicationShutdown {
  constructor() {
    super(existsSync(BUILT_WORKER) ? BUILT_WORKER : null, renderPdf);
  }

  /** A renderer on the given worker script, or in this thread when null (for tests). */
  static using(script: string | null): PdfRenderer {
    const renderer = new PdfRenderer();
    renderer.useScript(script);
    return renderer;
  }
}
