import { servePdfJobs } from '../../common/pdf/pdf-thread';
import { type DocumentPdfJob, renderDocumentPdf } from './document-pdf';

/** The thread DocumentPdfThread starts: pdfkit lays out a document here, not on the service's event loop. */
servePdfJobs<DocumentPdfJob>(renderDocumentPdf);
