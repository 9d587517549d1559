import { Worker, parentPort } from 'node:worker_threads';

/** A job for a PDF worker thread, and its answer: the PDF, or why it could not be made. */
export interface PdfJob<M> {
  id: number;
  model: M;
}
export type PdfAnswer = { id: number; pdf: Uint8Array } | { id: number; error: string };

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * Renders PDFs in one worker thread, started on the first PDF, so that
 * pdfkit's synchronous layout never holds the event loop that answers every
 * other request. Jobs queue in the worker one after another. A worker that
 * dies fails the jobs it held; the next job starts a new one. Without a
 * worker script (the sources run as TypeScript under ts-jest, which a worker
 * cannot load) it renders in this thread.
 */
export class PdfThread<M> {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(
    private script: string | null,
    private readonly renderHere: (model: M) => Promise<Buffer>,
  ) {}

  /** Runs on another worker script, or in this thread when null (for tests). */
  protected useScript(script: string | null): void {
    this.script = script;
  }

  /** True when PDFs are rendered off the event loop. */
  get threaded(): boolean {
    return this.script !== null;
  }

  render(model: M): Promise<Buffer> {
    if (this.script === null) return this.renderHere(model);
    const worker = this.started(this.script);
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // An idle worker does not keep the process alive; one with a PDF to finish does.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, model } satisfies PdfJob<M>);
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

  /** Fails every job the worker held; the next job starts a new worker. */
  private stopped(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}

/**
 * The worker thread's side: renders each job it is sent with `render` and
 * answers with the PDF or the error's message. A worker script is this one call.
 */
export function servePdfJobs<M>(render: (model: M) => Promise<Buffer>): void {
  parentPort?.on('message', (job: PdfJob<M>) => {
    render(job.model).then(
      (pdf) => parentPort!.postMessage({ id: job.id, pdf } satisfies PdfAnswer),
      (e: unknown) =>
        parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) } satisfies PdfAnswer),
    );
  });
}
