import { useRef, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { PROBLEM, formatInstant, textOf } from '../../api/sv';
import { api, ok, type Schemas } from '../../api/client';
import { FormMessage } from '../../components/fields';
import { useLoad } from '../../hooks';

type Template = Schemas['DocumentTemplateDto'];
type Version = Schemas['TemplateVersionDto'];

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const versionText = (v: Version): string =>
  v.version === 0
    ? 'Standardmallen'
    : `Version ${v.version}${v.source === 'default' ? ' (standardmallen igen)' : ''}, ${v.changedBy ?? '–'} ${v.changedAt ? formatInstant(v.changedAt) : ''}`;

/**
 * Dokumentmallar: each document type's template in use and its history; an
 * administrator uploads the city's own DOCX (letterhead, signature block,
 * contact lines, with the placeholders listed here), downloads any version,
 * or goes back to the standard template. A template with a placeholder the
 * type does not fill is refused, naming it.
 */
export function DocumentTemplates() {
  const templates = useLoad(async () => (await ok(api.GET('/api/document-templates'))).data, []);
  const [message, setMessage] = useState<string>();
  return (
    <section aria-labelledby="dokumentmallar">
      <h2 id="dokumentmallar">Dokumentmallar</h2>
      <p>
        Varje dokumenttyp görs från en Word-mall (DOCX). Ladda upp kommunens egen mall med brevhuvud, kontaktuppgifter
        och underskrift; nästa dokument av typen görs med den. PDF-versionen tar brevhuvudet (sidhuvudets text och
        logotyp) och kontaktraderna (sidfoten) från mallen. Platshållare skrivs inom klamrar, till exempel {'{namn}'}{' '}
        och {'{arendenummer}'}; hela brödtexten är slingan {'{#avsnitt}'}…{'{/avsnitt}'} som i standardmallen.
      </p>
      <FormMessage>{templates.error?.message}</FormMessage>
      <FormMessage tone="success">{message}</FormMessage>
      {templates.data?.map((t) => (
        <TemplateRow
          key={t.documentType}
          template={t}
          onChanged={(text) => {
            setMessage(text);
            templates.reload();
          }}
        />
      ))}
    </section>
  );
}

async function download(type: string, version: number): Promise<void> {
  const { data } = await ok(
    api.GET('/api/document-templates/{type}/versions/{version}', {
      params: { path: { type: type as never, version: String(version) } },
      parseAs: 'blob',
    }),
  );
  const url = URL.createObjectURL(data as Blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `mall-${type}-v${version}.docx`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function TemplateRow({ template: t, onChanged }: { template: Template; onChanged: (message: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = `mall-${t.documentType}`;

  const upload = async (): Promise<void> => {
    setError(undefined);
    if (!file) {
      setError('Välj en DOCX-fil att ladda upp.');
      return;
    }
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      // Read without ok(): a refusal's Swedish text names the placeholder, which is more than the code says.
      const {
        data,
        error: problem,
        response,
      } = await api.POST('/api/document-templates/{type}', {
        params: { path: { type: t.documentType } },
        body: form as never,
        bodySerializer: (body: unknown) => body as FormData,
      });
      if (!response.ok || !data) {
        const p = (problem ?? {}) as { code?: string; sv?: string };
        setError(p.sv ?? textOf(PROBLEM, p.code ?? '') ?? `Mallen kunde inte laddas upp (${response.status}).`);
        return;
      }
      setFile(null);
      if (input.current) input.current.value = '';
      onChanged(`${t.label}: version ${data.version} används nu.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const restore = async (): Promise<void> => {
    setError(undefined);
    try {
      const { data } = await ok(
        api.POST('/api/document-templates/{type}/default', { params: { path: { type: t.documentType } } }),
      );
      onChanged(`${t.label}: standardmallen används igen (version ${data.version}).`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="step-form template" aria-labelledby={id}>
      <h3 id={id}>{t.label}</h3>
      <p>I bruk: {versionText(t.current)}</p>
      <details>
        <summary>Platshållare och tidigare versioner</summary>
        <p>
          Platshållare: {t.placeholders.map((p) => `{${p}}`).join(', ')}. Slingor:{' '}
          {t.loops.map((l) => `{#${l}}`).join(', ')}.
        </p>
        <ul>
          {t.versions.map((v) => (
            <li key={v.version}>
              {versionText(v)}{' '}
              <Button
                className="button-link"
                onPress={() => void download(t.documentType, v.version).catch((e: Error) => setError(e.message))}
                aria-label={`Ladda ner ${t.label}, ${v.version === 0 ? 'standardmallen' : `version ${v.version}`}`}
              >
                Ladda ner
              </Button>
            </li>
          ))}
        </ul>
      </details>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          void upload();
        }}
        validationBehavior="aria"
        aria-labelledby={id}
        className="inline-form"
      >
        <div className="field">
          <label htmlFor={`${id}-fil`}>Ny mall (DOCX)</label>
          <input
            ref={input}
            id={`${id}-fil`}
            type="file"
            accept={`.docx,${DOCX}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-fel` : undefined}
            onChange={(e) => {
              setError(undefined);
              setFile(e.target.files?.[0] ?? null);
            }}
          />
          {error && (
            <span id={`${id}-fel`} className="field-error" role="alert">
              {error}
            </span>
          )}
        </div>
        <Button type="submit" isDisabled={busy}>
          Ladda upp mall
        </Button>
        {t.current.version !== 0 && t.current.source === 'uploaded' && (
          <Button className="button-outline" onPress={() => void restore()}>
            Återställ standardmallen
          </Button>
        )}
      </Form>
    </section>
  );
}
