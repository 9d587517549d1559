import { useRef, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { ATTACHMENT_KIND, PROBLEM, formatDate } from '../../api/sv';
import { ApiError, api, ok } from '../../api/client';
import { FormMessage } from '../../components/fields';
import { newIdempotencyKey } from '../../form-errors';
import type { CaseView, StaleChange } from './StepForm';

type Attachment = CaseView['attachments'][number];

/** The largest file the service takes (the API's own limit, 413 above it). */
const MAX_BYTES = 25 * 1024 * 1024;
const MAX_DESCRIPTION = 2000;
/** What the file picker offers; the service decides the type from the file's content whatever its name. */
const ACCEPT = [
  '.pdf',
  '.jpg',
  '.jpeg',
  '.png',
  '.docx',
  '.xlsx',
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
].join(',');

/** "340 kB", "1,2 MB". */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

/** The name the answer's Content-Disposition gives (its UTF-8 form first), else a plain one. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1]);
    } catch {
      // A name that does not decode: the plain one below.
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/**
 * Bilagor: the case's evidence, each with who added it and when; upload
 * (PDF, JPEG, PNG, Word, Excel, at most 25 MB) and download. Every download
 * is in the audit log; files are encrypted with the person's key and culled
 * with the case, which the list then says.
 */
export function Attachments(props: {
  caseView: CaseView;
  onAdded: (name: string) => void;
  onStale: (stale: StaleChange) => void;
}) {
  const { caseView: c, onAdded, onStale } = props;
  return (
    <section aria-labelledby="bilagor">
      <h2 id="bilagor">Bilagor</h2>
      {c.attachments.length === 0 ? (
        <p>Inga bilagor.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Ärendets bilagor</caption>
            <thead>
              <tr>
                <th scope="col">Fil</th>
                <th scope="col">Typ</th>
                <th scope="col" className="num">
                  Storlek
                </th>
                <th scope="col">Beskrivning</th>
                <th scope="col">Tillagd</th>
                <th scope="col">Av</th>
              </tr>
            </thead>
            <tbody>
              {c.attachments.map((a) => (
                <tr key={a.id}>
                  <td>
                    <AttachmentFile caseId={c.id} attachment={a} />
                  </td>
                  <td>{ATTACHMENT_KIND[a.kind]}</td>
                  <td className="num">{formatSize(a.size)}</td>
                  <td>{a.description ?? '–'}</td>
                  <td>{formatDate(a.addedOn)}</td>
                  <td>{a.addedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {c.acceptsAttachments && <AddAttachment caseView={c} onAdded={onAdded} onStale={onStale} />}
    </section>
  );
}

/** The file's name as a download, or why it cannot be read (culled). */
function AttachmentFile({ caseId, attachment: a }: { caseId: string; attachment: Attachment }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!a.readable)
    return <span className="attachment-unavailable">{a.unavailable?.message ?? PROBLEM['attachment-culled']}</span>;
  const download = async (): Promise<void> => {
    setError(undefined);
    setBusy(true);
    try {
      const { data, response } = await ok(
        api.GET('/api/cases/{id}/attachments/{attachmentId}', {
          params: { path: { id: caseId, attachmentId: a.id } },
          parseAs: 'blob',
        }),
      );
      // Saved by the browser under the name the service gives it (the kind its content showed as the extension).
      const url = URL.createObjectURL(data as Blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileNameOf(response, a.name);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        className="button-link in-table"
        onPress={() => void download()}
        isDisabled={busy}
        aria-label={`Ladda ner ${a.name}`}
      >
        {a.name}
      </Button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** The upload form: the file and what it is, sent with the case's version (If-Match) and an Idempotency-Key. */
function AddAttachment(props: {
  caseView: CaseView;
  onAdded: (name: string) => void;
  onStale: (stale: StaleChange) => void;
}) {
  const { caseView: c, onAdded, onStale } = props;
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const [fileError, setFileError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (): Promise<void> => {
    setFileError(undefined);
    setMessage(undefined);
    if (!file) {
      setFileError('Välj en fil att lägga till.');
      return;
    }
    // Known before sending 25 MB: the same text the service answers with.
    if (file.size > MAX_BYTES) {
      setFileError(PROBLEM['attachment-too-large']);
      return;
    }
    setBusy(true);
    try {
      const form = new FormData();
      if (description.trim()) form.append('description', description.trim());
      form.append('file', file, file.name);
      await ok(
        api.POST('/api/cases/{id}/attachments', {
          params: { path: { id: c.id }, header: { 'If-Match': `"${c.version}"`, 'Idempotency-Key': key } },
          body: form as never,
          // The browser sets the multipart boundary itself.
          bodySerializer: (body: unknown) => body as FormData,
        }),
      );
      setKey(newIdempotencyKey());
      setFile(null);
      setDescription('');
      if (input.current) input.current.value = '';
      onAdded(file.name);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale-version') {
        onStale({ seenVersion: c.version, currentVersion: e.problem.currentVersion ?? c.version + 1 });
        return;
      }
      // Too large, not an allowed type: said at the file; anything else for the form.
      if (e instanceof ApiError && (e.status === 413 || e.status === 415)) setFileError(e.message);
      else setMessage(e instanceof Error ? e.message : String(e));
      setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="step-form" aria-labelledby="ny-bilaga">
      <h3 id="ny-bilaga">Lägg till bilaga</h3>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        validationBehavior="aria"
        aria-labelledby="ny-bilaga"
      >
        <FormMessage>{message}</FormMessage>
        <div className="field">
          <label htmlFor="bilaga-fil">
            Fil <span aria-hidden="true">*</span>
          </label>
          <input
            ref={input}
            id="bilaga-fil"
            type="file"
            accept={ACCEPT}
            aria-required="true"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'bilaga-fil-fel bilaga-fil-hjalp' : 'bilaga-fil-hjalp'}
            onChange={(e) => {
              setFileError(undefined);
              setFile(e.target.files?.[0] ?? null);
            }}
          />
          <span id="bilaga-fil-hjalp" className="help">
            PDF, JPEG, PNG, Word (DOCX) eller Excel (XLSX), högst 25 MB. Filens innehåll avgör typen, inte dess namn.
          </span>
          {fileError && (
            <span id="bilaga-fil-fel" className="field-error" role="alert">
              {fileError}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="bilaga-beskrivning">Beskrivning</label>
          <textarea
            id="bilaga-beskrivning"
            maxLength={MAX_DESCRIPTION}
            value={description}
            aria-describedby="bilaga-beskrivning-hjalp"
            onChange={(e) => setDescription(e.target.value)}
          />
          <span id="bilaga-beskrivning-hjalp" className="help">
            Vad filen är, till exempel Kontoutdrag mars 2018.
          </span>
        </div>
        <Button type="submit" isDisabled={busy}>
          {busy ? 'Laddar upp…' : 'Lägg till bilaga'}
        </Button>
      </Form>
    </section>
  );
}
