import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PdfThread } from '../../common/pdf/pdf-thread';
import { type DocumentPdfJob, renderDocumentPdf } from './document-pdf';

/** The compiled worker beside this file; absent under ts-jest (the sources cannot run in a worker), which renders here. */
const BUILT_WORKER = join(__dirname, 'document-pdf-worker.js');

/** Renders the documents' PDFs in a worker thread of their own (PdfThread, as the yearly report does). */
@Injectable()
export class DocumentPdfThread extends PdfThread<DocumentPdfJob> implements OnApplicationShutdown {
  constructor() {
    super(existsSync(BUILT_WORKER) ? BUILT_WORKER : null, renderDocumentPdf);
  }
}
