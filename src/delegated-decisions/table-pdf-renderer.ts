import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PdfThread } from '../common/pdf/pdf-thread';
import { type PdfTable, renderTablePdf } from './table-pdf';

/** The compiled worker beside this file; absent when the sources run as TypeScript (ts-jest), which a worker cannot load. */
const BUILT_WORKER = join(__dirname, 'table-pdf-worker.js');

/**
 * Renders table PDFs in one worker thread of their own (PdfThread, as the
 * yearly report and the case documents), started on the first one: pdfkit
 * never holds the event loop. A worker that dies fails the PDFs it held; the
 * next starts a new one.
 */
@Injectable()
export class TablePdfRenderer extends PdfThread<PdfTable> implements OnApplicationShutdown {
  constructor() {
    super(existsSync(BUILT_WORKER) ? BUILT_WORKER : null, renderTablePdf);
  }
}
