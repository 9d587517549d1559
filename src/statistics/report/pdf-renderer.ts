import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PdfAnswer, PdfJob } from './pdf-worker';
import { type DocumentKind, renderDocument } from './render-document';
import type { ReportModel } from './report-model';

/** The compiled worker beside this file; absent when the sources run as TypeScript (ts-jest), which a worker cannot load. */
const BUILT_WORKER = join(__dirname, 'pdf-worker.js');

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * Renders report PDFs and DOCX files in one worker thread, started on the first report, so
 * that pdfkit's synchronous layout never holds the event loop that answers
 * every other request. Reports queue in the worker one after another. A worker
 * that dies fails the reports it held; the next report starts a new one.
 */
@Injectable()
export class PdfRenderer implements OnApplicationShutdown {
  private script: string | null = existsSync(BUILT_WORKER) ? BUILT_WORKER : null;
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** A renderer on the given worker script, or in this thread when null (for tests). */
  static using(script: string | null): PdfRenderer {
    const renderer = new PdfRenderer();
    renderer.script = script;
    return renderer;
  }

  /** True when reports are rendered off the event loop. */
  get threaded(): boolean {
    return this.script !== null;
  }

  render(model: ReportModel): Promise<Buffer> {
    return this.document(model, 'pdf');
  }

  /** The report ('report') or its memo, the tjänsteutlåtande ('memo'), as DOCX. */
  renderDocx(model: ReportModel, kind: 'report' | 'memo'): Promise<Buffer> {
    return this.document(model, kind);
  }

  private document(model: ReportModel, kind: DocumentKind): Promise<Buffer> {
    if (this.script === null) return renderDocument(model, kind);
    const worker = this.started(this.script);
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // An idle worker does not keep the process alive; one with a report to finish does.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, model, kind } satisfies PdfJob);
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
    worker.on('message', (answer: PdfAnswer) => this.settle(worker, answer));
    worker.on('error', (error) => this.stopped(worker, error));
    worker.on('exit', (code) => this.stopped(worker, new Error(`the PDF worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker, answer: PdfAnswer): void {
    const job = this.pending.get(answer.id);
    if (!job) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) worker.unref();
    if ('error' in answer) job.reject(new Error(answer.error));
    // A buffer crosses threads as a plain Uint8Array; this views the same bytes without a copy.
    else job.resolve(Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength));
  }

  /** Fails every report the worker held; the next report starts a new worker. */
  private stopped(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}
