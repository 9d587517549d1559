import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type PdfTable, renderTablePdf } from './table-pdf';
import type { TablePdfAnswer, TablePdfJob } from './table-pdf-worker';

/** The compiled worker beside this file; absent when the sources run as TypeScript (ts-jest), which a worker cannot load. */
const BUILT_WORKER = join(__dirname, 'table-pdf-worker.js');

/**
 * Renders table PDFs in one worker thread of their own, started on the first
 * one, as the yearly report's PdfRenderer does: pdfkit never holds the event
 * loop. A worker that dies fails the PDFs it held; the next starts a new one.
 */
@Injectable()
export class TablePdfRenderer implements OnApplicationShutdown {
  private readonly script: string | null = existsSync(BUILT_WORKER) ? BUILT_WORKER : null;
  private worker?: Worker;
  private readonly pending = new Map<number, { resolve: (pdf: Buffer) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  render(model: PdfTable): Promise<Buffer> {
    if (this.script === null) return renderTablePdf(model);
    const worker = this.started(this.script);
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, model } satisfies TablePdfJob);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stopped(worker, new Error('the service is shutting down'));
    await worker.terminate();
  }

  private started(script: string): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(script);
    worker.unref();
    worker.on('message', (answer: TablePdfAnswer) => {
      const job = this.pending.get(answer.id);
      if (!job) return;
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in answer) job.reject(new Error(answer.error));
      else job.resolve(Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength));
    });
    worker.on('error', (error) => this.stopped(worker, error));
    worker.on('exit', (code) => this.stopped(worker, new Error(`the PDF worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private stopped(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}
