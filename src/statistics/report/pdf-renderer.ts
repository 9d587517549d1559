import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PdfThread } from '../../common/pdf/pdf-thread';
import type { ReportModel } from './report-model';
import { type ReportJob, renderReportJob } from './render-document';

/** The compiled worker beside this file; absent when the sources run as TypeScript (ts-jest), which a worker cannot load. */
const BUILT_WORKER = join(__dirname, 'pdf-worker.js');

/**
 * Renders report PDFs and DOCX files in one worker thread (PdfThread, shared
 * with the case documents), started on the first report, so that pdfkit's
 * synchronous layout and the DOCX's rasterised charts never hold the event
 * loop that answers every other request. Reports queue in the worker one
 * after another; a worker that dies fails the reports it held, and the next
 * report starts a new one.
 */
@Injectable()
export class PdfRenderer implements OnApplicationShutdown {
  private thread = new PdfThread<ReportJob>(existsSync(BUILT_WORKER) ? BUILT_WORKER : null, renderReportJob);

  /** A renderer on the given worker script, or in this thread when null (for tests). */
  static using(script: string | null): PdfRenderer {
    const renderer = new PdfRenderer();
    renderer.thread = new PdfThread<ReportJob>(script, renderReportJob);
    return renderer;
  }

  /** True when reports are rendered off the event loop. */
  get threaded(): boolean {
    return this.thread.threaded;
  }

  render(model: ReportModel): Promise<Buffer> {
    return this.thread.render({ model, kind: 'pdf' });
  }

  /** The report ('report') or its memo, the tjänsteutlåtande ('memo'), as DOCX. */
  renderDocx(model: ReportModel, kind: 'report' | 'memo'): Promise<Buffer> {
    return this.thread.render({ model, kind });
  }

  onApplicationShutdown(): Promise<void> {
    return this.thread.onApplicationShutdown();
  }
}
