import { servePdfJobs } from '../../common/pdf/pdf-thread';
import { type ReportJob, renderReportJob } from './render-document';

/**
 * The thread PdfRenderer starts: pdfkit lays out and compresses a report
 * synchronously (tens of ms warm, a few hundred cold), and a DOCX's charts
 * are rasterised and zipped, which here holds this thread and not the
 * service's event loop.
 */
servePdfJobs<ReportJob>(renderReportJob);
