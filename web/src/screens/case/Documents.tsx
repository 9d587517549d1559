import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { DOCUMENT_CHANNEL, PROBLEM, formatDate } from '../../api/sv';
import { ApiError, api, ok } from '../../api/client';
import { FormMessage, SelectInput, TextInput } from '../../components/fields';
import { DATE_RULE, newIdempotencyKey, showApiError } from '../../form-errors';
import { today } from '../../hooks';
import type { CaseView, StaleChange } from './StepForm';

type CaseDocument = CaseView['documents'][number];
type Offer = CaseView['documentsOffered'][number];

/** The name the answer's Content-Disposition gives, else a plain one. */
const fileNameOf = (response: Response, fallback: string): string =>
  /filename="([^"]+)"/i.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallback;

/** What a document concerns and to whom, as the list says it (the server's label). */
function concerningText(d: CaseDocument): string {
  const parts = [d.concerningLabel, d.addressee === 'second-person' ? 'till make, maka eller sambo' : null];
  const text = parts.filter((x) => x).join(', ');
  return text ? ` – ${text}` : '';
}

/**
 * Dokument: the letters and decisions made from the case, each with the
 * case version it was made from, who issued it and when, whether and how it
 * was sent, and its PDF and DOCX exactly as issued (every download in the
 * audit log). Issue one from what the case allows now; record a sending.
 */
export function Documents(props: {
  caseView: CaseView;
  onChanged: (message: string) => void;
  onStale: (stale: StaleChange) => void;
}) {
  const { caseView: c, onChanged, onStale } = props;
  const culled = c.personalData === 'culled';
  const unsent = c.documents.filter((d) => !d.sent);
  const offered = c.documentsOffered.filter((o) => o.available);
  return (
    <section aria-labelledby="dokument">
      <h2 id="dokument">Dokument</h2>
      {c.documents.length === 0 ? (
        <p>Inga dokument har utfärdats.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Ärendets dokument</caption>
            <thead>
              <tr>
                <th scope="col">Dokument</th>
                <th scope="col">Gjort från version</th>
                <th scope="col">Utfärdat</th>
                <th scope="col">Skickat</th>
                <th scope="col">Filer</th>
              </tr>
            </thead>
            <tbody>
              {c.documents.map((d) => (
                <tr key={d.documentId}>
                  <th scope="row">
                    {d.documentId}. {d.label}
                    {concerningText(d)}
                  </th>
                  <td>
                    {d.madeFromVersion} (mall {d.templateVersion === 0 ? 'standard' : `version ${d.templateVersion}`})
                  </td>
                  <td>
                    {formatDate(d.issuedOn)} av {d.issuedBy}
                  </td>
                  <td>{d.sent ? `${formatDate(d.sent.sentOn)}, ${d.sent.channelLabel}` : 'Ej skickat'}</td>
                  <td>
                    {culled ? (
                      <span className="attachment-unavailable">{PROBLEM['document-shredded']}</span>
                    ) : (
                      <DocumentFiles caseId={c.id} document={d} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!culled && (
        <div className="grid-2">
          {offered.length > 0 && <IssueDocument caseView={c} offers={offered} onIssued={onChanged} onStale={onStale} />}
          {unsent.length > 0 && <MarkSent caseView={c} documents={unsent} onSent={onChanged} onStale={onStale} />}
        </div>
      )}
    </section>
  );
}

/** Download buttons for the PDF (as issued) and the DOCX. */
function DocumentFiles({ caseId, document: d }: { caseId: string; document: CaseDocument }) {
  const [error, setError] = useState<string>();
  const download = async (format: 'pdf' | 'docx'): Promise<void> => {
    setError(undefined);
    try {
      const { data, response } = await ok(
        api.GET('/api/cases/{id}/documents/{documentId}/file', {
          params: { path: { id: caseId, documentId: d.documentId }, query: { format } },
          parseAs: 'blob',
        }),
      );
      const url = URL.createObjectURL(data as Blob);
      const link = window.document.createElement('a');
      link.href = url;
      link.download = fileNameOf(response, `dokument-${d.documentId}.${format}`);
      window.document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      {/* The visible word is the start of the name; the document's type follows for screen readers. */}
      <Button className="button-link in-table" onPress={() => void download('pdf')}>
        PDF<span className="visually-hidden">, {d.label}</span>
      </Button>{' '}
      <Button className="button-link in-table" onPress={() => void download('docx')}>
        Word<span className="visually-hidden">, {d.label}</span>
      </Button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

interface IssueValues {
  documentType: string;
  /** The letter: what it concerns and to whom ("1|subject"); empty: the latest. */
  letter: string;
}

/** Issues a document: of a type, concerning one thing in the case (the latest unless named), to one person. */
export async function issueDocument(
  c: CaseView,
  body: { documentType: string; concerning?: string; person?: 'subject' | 'second-person' },
  idempotencyKey: string,
): Promise<void> {
  await ok(
    api.POST('/api/cases/{id}/documents', {
      params: { path: { id: c.id }, header: { 'If-Match': `"${c.version}"`, 'Idempotency-Key': idempotencyKey } },
      body: body as never,
    }),
  );
}

function IssueDocument(props: {
  caseView: CaseView;
  offers: Offer[];
  onIssued: (message: string) => void;
  onStale: (stale: StaleChange) => void;
}) {
  const { caseView: c, offers, onIssued, onStale } = props;
  const form = useForm<IssueValues>({
    defaultValues: { documentType: offers[0]?.documentType ?? '', letter: '' },
  });
  const [key, setKey] = useState(newIdempotencyKey);
  const [message, setMessage] = useState<string>();
  const type = form.watch('documentType');
  const offer = offers.find((o) => o.documentType === type);
  const onSubmit = form.handleSubmit(async (v) => {
    setMessage(undefined);
    try {
      const letter = offer?.choices.find((x) => `${x.concerning}|${x.person}` === v.letter);
      await issueDocument(
        c,
        {
          documentType: v.documentType,
          ...(letter ? { concerning: letter.concerning, person: letter.person } : {}),
        },
        key,
      );
      setKey(newIdempotencyKey());
      onIssued(`${offer?.label ?? 'Dokumentet'} är utfärdat.`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale-version') {
        onStale({ seenVersion: c.version, currentVersion: e.problem.currentVersion ?? c.version + 1 });
        return;
      }
      setMessage(showApiError(e, form.setError, ['documentType']));
    }
  });
  return (
    <section className="step-form" aria-labelledby="utfarda-dokument">
      <h3 id="utfarda-dokument">Utfärda dokument</h3>
      <Form onSubmit={(e) => void onSubmit(e)} validationBehavior="aria" aria-labelledby="utfarda-dokument">
        <FormMessage>{message}</FormMessage>
        <SelectInput
          control={form.control}
          name="documentType"
          label="Dokument"
          isRequired
          options={offers.map((o) => ({ id: o.documentType, label: o.label }))}
        />
        {offer && offer.choices.length > 1 && (
          <SelectInput
            control={form.control}
            name="letter"
            label="Gäller"
            description="Tomt: det senaste"
            options={offer.choices.map((x) => ({ id: `${x.concerning}|${x.person}`, label: x.label }))}
          />
        )}
        {type === 'communication-letter' && (
          <p className="help">Brevet görs av den registrerade kommuniceringen, med dess sista svarsdag.</p>
        )}
        <Button type="submit" isDisabled={form.formState.isSubmitting}>
          Utfärda
        </Button>
      </Form>
    </section>
  );
}

interface SentValues {
  documentId: string;
  sentOn: string;
  channel: string;
}

function MarkSent(props: {
  caseView: CaseView;
  documents: CaseDocument[];
  onSent: (message: string) => void;
  onStale: (stale: StaleChange) => void;
}) {
  const { caseView: c, documents, onSent, onStale } = props;
  const form = useForm<SentValues>({
    defaultValues: { documentId: documents[documents.length - 1].documentId, sentOn: today(), channel: 'post' },
  });
  const [key, setKey] = useState(newIdempotencyKey);
  const [message, setMessage] = useState<string>();
  const onSubmit = form.handleSubmit(async (v) => {
    setMessage(undefined);
    try {
      await ok(
        api.POST('/api/cases/{id}/documents/{documentId}/sent', {
          params: {
            path: { id: c.id, documentId: v.documentId },
            header: { 'If-Match': `"${c.version}"`, 'Idempotency-Key': key },
          },
          body: { sentOn: v.sentOn, channel: v.channel as never },
        }),
      );
      setKey(newIdempotencyKey());
      onSent('Dokumentet är registrerat som skickat.');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale-version') {
        onStale({ seenVersion: c.version, currentVersion: e.problem.currentVersion ?? c.version + 1 });
        return;
      }
      setMessage(showApiError(e, form.setError, ['sentOn', 'channel']));
    }
  });
  return (
    <section className="step-form" aria-labelledby="skickat-dokument">
      <h3 id="skickat-dokument">Registrera att ett dokument skickats</h3>
      <Form onSubmit={(e) => void onSubmit(e)} validationBehavior="aria" aria-labelledby="skickat-dokument">
        <FormMessage>{message}</FormMessage>
        <SelectInput
          control={form.control}
          name="documentId"
          label="Dokument"
          isRequired
          options={documents.map((d) => ({ id: d.documentId, label: `${d.documentId}. ${d.label}` }))}
        />
        <TextInput
          control={form.control}
          name="sentOn"
          label="Skickat"
          description="ÅÅÅÅ-MM-DD"
          isRequired
          rules={DATE_RULE}
        />
        <SelectInput
          control={form.control}
          name="channel"
          label="Hur"
          isRequired
          options={Object.entries(DOCUMENT_CHANNEL).map(([id, label]) => ({ id, label }))}
        />
        <Button type="submit" isDisabled={form.formState.isSubmitting}>
          Registrera som skickat
        </Button>
      </Form>
    </section>
  );
}
