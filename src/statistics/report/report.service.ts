import { Injectable } from '@nestjs/common';
import { StatisticsService } from '../statistics.service';
import { statisticsTable } from './statistics-table';
import { CSV_CONTENT_TYPE, tableToCsv, tableToXlsx, XLSX_CONTENT_TYPE } from '../../common/table-export';
import { renderHtml } from './report-html';
import { buildReport } from './report-model';
import { PdfRenderer } from './pdf-renderer';
import { ReportInputs } from './report-inputs.service';

export type ReportFormat = 'html' | 'pdf' | 'csv' | 'xlsx' | 'json';

/** The yearly report in each format, from the statistics of the year and the four before it. */
@Injectable()
export class ReportService {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly inputs: ReportInputs,
    private readonly pdf: PdfRenderer,
  ) {}

  async render(
    year: number,
    format: ReportFormat,
    knownAt: string | null,
  ): Promise<{ body: string | Buffer; contentType: string }> {
    const stats = await this.statistics.annual(year, knownAt);
    switch (format) {
      case 'json':
        return { body: JSON.stringify(stats, null, 2), contentType: 'application/json; charset=utf-8' };
      case 'csv':
        return { body: tableToCsv(statisticsTable(stats)), contentType: CSV_CONTENT_TYPE };
      case 'xlsx':
        return { body: await tableToXlsx(statisticsTable(stats)), contentType: XLSX_CONTENT_TYPE };
      default: {
        const texts = (await this.inputs.texts(year))?.texts ?? null;
        const model = buildReport(stats, await this.statistics.trend(year - 4, year, knownAt), {
          texts,
          postChecks: await this.inputs.postChecks(year),
        });
        return format === 'pdf'
          ? { body: await this.pdf.render(model), contentType: 'application/pdf' }
          : { body: renderHtml(model), contentType: 'text/html; charset=utf-8' };
      }
    }
  }
}
