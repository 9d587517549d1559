import { useRef, useState } from 'react';
import { Button, Form, Link } from 'react-aria-components';
import { useForm, type FieldPath } from 'react-hook-form';
import { GENDER, PROTECTION_BASIS, SOURCES, STATUS } from '../api/sv';
import { api, ok, type Schemas } from '../api/client';
import { ErrorSummary, summaryOf } from '../components/ErrorSummary';
import { MarkOptional, SelectInput, TextInput } from '../components/fields';
import { PaymentRows, paymentFieldLabel } from '../components/PaymentRows';
import { DATE_MISSING, DATE_RULE, apiErrorsOf, newIdempotencyKey, parseKronor } from '../form-errors';
import { districtName, today, useDistricts } from '../hooks';
import { navigate, useDocumentTitle } from '../router';
import { useSession } from '../session';

interface RegisterForm {
  district: string;
  receivedOn: string;
  source: string;
  subject: { personalIdentityNumber: string; gender: string; name: string; protectedIdentity: string };
  suspectedPayments: Array<{ paidOn: string; amount: string }>;
  summary: string;
  assistanceCaseNumber: string;
  reportedBy: string;
}

const PIN = 'subject.personalIdentityNumber';

/** The form's fields as it shows them, with their labels: the error summary lists them in this order. */
const LABELS: Array<[string, string]> = [
  ['district', 'Stadsdel'],
  ['receivedOn', 'Mottaget datum'],
  ['source', 'Källa'],
  [PIN, 'Personnummer eller samordningsnummer'],
  ['subject.gender', 'Kön'],
  ['subject.name', 'Namn'],
  ['subject.protectedIdentity', 'Skyddade personuppgifter'],
  ['assistanceCaseNumber', 'Ärendenummer ekonomiskt bistånd'],
  ['reportedBy', 'Anmält av'],
];
const PAYMENT_FIELDS = Array.from({ length: 120 }, (_, i) => [
  `suspectedPayments.${i}.paidOn`,
  `suspectedPayments.${i}.amount`,
]).flat();
const FIELDS = [...LABELS.map(([f]) => f), ...PAYMENT_FIELDS, 'summary'];

function labelOf(field: string): string | undefined {
  const payment = /^suspectedPayments\.(\d+)\.(\w+)$/.exec(field);
  if (payment) return paymentFieldLabel(payment[2], Number(payment[1]));
  return field === 'summary' ? 'Sammanfattning' : LABELS.find(([f]) => f === field)?.[1];
}

export default function RegisterCase() {
  useDocumentTitle('Registrera inkommande information');
  const session = useSession();
  const districts = useDistricts();
  const [key] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[]>([]);
  const [failures, setFailures] = useState(0);
  const [related, setRelated] = useState<Schemas['CaseListItemDto'][]>();
  const form = useForm<RegisterForm>({
    defaultValues: {
      district: session.districts.length === 1 ? session.districts[0] : '',
      receivedOn: today(),
      source: '',
      subject: { personalIdentityNumber: '', gender: '', name: '', protectedIdentity: '' },
      suspectedPayments: [{ paidOn: '', amount: '' }],
      summary: '',
      assistanceCaseNumber: '',
      reportedBy: '',
    },
    // Focus goes to the error summary, which links to each field.
    shouldFocusError: false,
  });

  /**
   * The service's word on the personnummer last looked up: the number, and what is wrong with it
   * (undefined: nothing). It stands as the field's own rule, so it is listed with the form's other
   * errors on every submit, not lost when the form validates again.
   */
  const checked = useRef<{ pin: string; problem?: string }>({ pin: '' });
  const sending = useRef(false);

  /** The person's other open cases, looked up (in a request body) when a personnummer is entered. */
  const lookUpPerson = async (): Promise<void> => {
    const pin = form.getValues(PIN).trim();
    if (pin === checked.current.pin) return;
    checked.current = { pin };
    setRelated(undefined);
    if (pin === '') {
      form.clearErrors(PIN);
      return;
    }
    try {
      const { data } = await ok(
        api.POST('/api/cases/search', { body: { personalIdentityNumber: pin, open: true, pageSize: 50 } }),
      );
      setRelated(data.items);
      form.clearErrors(PIN);
    } catch (e) {
      // The search names the number as its own field; here it is the person's.
      const [wrong] = apiErrorsOf(e, ['personalIdentityNumber']).fields;
      if (!wrong) {
        checked.current = { pin: '' };
        return;
      }
      checked.current = { pin, problem: wrong.message };
      form.setError(PIN, { type: 'lookup', message: wrong.message });
    }
  };

  const submit = form.handleSubmit(
    async (v) => {
      setMessages([]);
      const pin = v.subject.personalIdentityNumber.trim();
      const body: Schemas['RegisterCaseDto'] = {
        district: v.district,
        receivedOn: v.receivedOn,
        source: v.source as Schemas['RegisterCaseDto']['source'],
        subject: {
          ...(pin ? { personalIdentityNumber: pin } : {}),
          ...(v.subject.gender ? { gender: v.subject.gender as 'woman' | 'man' | 'unknown' } : {}),
          ...(v.subject.name.trim() ? { name: v.subject.name.trim() } : {}),
          ...(v.subject.protectedIdentity
            ? { protectedIdentity: v.subject.protectedIdentity as keyof typeof PROTECTION_BASIS }
            : {}),
        },
        suspectedPayments: v.suspectedPayments
          .filter((p) => p.paidOn || p.amount)
          .map((p) => ({ paidOn: p.paidOn, amount: parseKronor(p.amount) ?? -1 })),
        ...(v.summary.trim() ? { summary: v.summary.trim() } : {}),
        ...(v.assistanceCaseNumber.trim() ? { assistanceCaseNumber: v.assistanceCaseNumber.trim() } : {}),
        ...(v.reportedBy.trim() ? { reportedBy: v.reportedBy.trim() } : {}),
      };
      try {
        const { data } = await ok(api.POST('/api/cases', { body, headers: { 'Idempotency-Key': key } }));
        navigate(`/arenden/${data.id}`);
      } catch (e) {
        const { fields, rest } = apiErrorsOf(e, FIELDS);
        for (const f of fields) form.setError(f.field as FieldPath<RegisterForm>, { type: 'api', message: f.message });
        setMessages(rest);
        setFailures((n) => n + 1);
      }
    },
    () => {
      setMessages([]);
      setFailures((n) => n + 1);
    },
  );

  const pinEntered = form.watch(PIN).trim() !== '';
  const errors = summaryOf(form.formState.errors, labelOf, FIELDS, messages);
  return (
    <>
      <h1>Registrera inkommande information</h1>
      <p>Fyll i alla fält som inte är markerade med (frivilligt).</p>
      <MarkOptional.Provider value>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            // One registration at a time (the button stays focusable while it is sent; a disabled one drops focus).
            if (sending.current) return;
            sending.current = true;
            // A personnummer typed and sent with Enter is looked up first, so its error comes with the others.
            void lookUpPerson()
              .then(() => submit())
              .finally(() => (sending.current = false));
          }}
          validationBehavior="aria"
          className="register-form"
        >
          <ErrorSummary errors={errors} focusKey={failures} />
          <div className="grid-2">
            <div>
              <SelectInput
                control={form.control}
                name="district"
                label="Stadsdel"
                isRequired
                options={session.districts.map((d) => ({ id: d, label: districtName(districts, d) }))}
              />
              <TextInput
                control={form.control}
                name="receivedOn"
                label="Mottaget datum"
                description="ÅÅÅÅ-MM-DD"
                isRequired
                requiredMessage={DATE_MISSING}
                rules={DATE_RULE}
              />
              <SelectInput
                control={form.control}
                name="source"
                label="Källa"
                isRequired
                options={Object.entries(SOURCES).map(([id, label]) => ({ id, label }))}
              />
            </div>
            <fieldset>
              <legend>Personen</legend>
              <div onBlur={() => void lookUpPerson()}>
                <TextInput
                  control={form.control}
                  name={PIN}
                  label="Personnummer eller samordningsnummer"
                  description="ÅÅÅÅMMDD-NNNN. Kön följer av numret."
                  rules={{
                    validate: (v: unknown) =>
                      typeof v === 'string' && v.trim() !== '' && v.trim() === checked.current.pin
                        ? (checked.current.problem ?? true)
                        : true,
                  }}
                />
              </div>
              {related && related.length > 0 && (
                <div className="message message-error" role="status">
                  <p>Personen har andra öppna ärenden:</p>
                  <ul>
                    {related.map((c) => (
                      <li key={c.id}>
                        <Link href={`/arenden/${c.id}`}>{c.caseNumber}</Link> ({STATUS[c.status]},{' '}
                        {districtName(districts, c.district)})
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {related && related.length === 0 && <p role="status">Personen har inga andra öppna ärenden.</p>}
              {!pinEntered && (
                <SelectInput
                  control={form.control}
                  name="subject.gender"
                  label="Kön"
                  description="Krävs utan personnummer."
                  isRequired
                  options={Object.entries(GENDER).map(([id, label]) => ({ id, label }))}
                />
              )}
              <TextInput control={form.control} name="subject.name" label="Namn" />
              <SelectInput
                control={form.control}
                name="subject.protectedIdentity"
                label="Skyddade personuppgifter"
                description="Namn och personnummer visas då bara för ärendets utredare och enhetschefen."
                options={[
                  { id: '', label: 'Nej' },
                  ...Object.entries(PROTECTION_BASIS).map(([id, label]) => ({ id, label })),
                ]}
              />
            </fieldset>
          </div>
          <div className="grid-2">
            <TextInput
              control={form.control}
              name="assistanceCaseNumber"
              label="Ärendenummer ekonomiskt bistånd"
              description="Personens ärende i verksamhetssystemet"
            />
            <TextInput
              control={form.control}
              name="reportedBy"
              label="Anmält av"
              description="Till exempel socialsekreterare och enhet"
            />
          </div>
          <PaymentRows
            control={form.control}
            name="suspectedPayments"
            legend="Misstänkt felaktiga utbetalningar"
            optional
          />
          <TextInput control={form.control} name="summary" label="Sammanfattning" multiline />
          <Button type="submit">Registrera</Button>
        </Form>
      </MarkOptional.Provider>
    </>
  );
}
