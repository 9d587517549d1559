import { servePdfJobs } from '../common/pdf/pdf-thread';
import { type PdfTable, renderTablePdf } from './table-pdf';

/** The thread TablePdfRenderer starts: pdfkit's synchronous layout holds this thread, not the service's event loop. */
servePdfJobs<PdfTable>(renderTablePdf);
