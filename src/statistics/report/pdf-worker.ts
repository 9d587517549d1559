import { servePdfJobs } from '../../common/pdf/pdf-thread';
import type { ReportModel } from './report-model';
import { renderPdf } from './report-pdf';

/**
 * The thread PdfRenderer starts: pdfkit lays out and compresses a report
 * synchronously (tens of ms warm, a few hundred cold), which here holds this
 * thread and not the service's event loop.
 */
servePdfJobs<ReportModel>(renderPdf);
