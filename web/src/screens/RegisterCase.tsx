import { useState } from 'react';
import { Button, Form, Link } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { GENDER, PROTECTION_BASIS, SOURCES, STATUS } from '../api/sv';
import { api, ok, type Schemas } from '../api/client';
import { FormMessage, SelectInput, TextInput } from '../components/fields';
import { PaymentRows } from '../components/PaymentRows';
import { DATE_RULE, newIdempotencyKey, parseKronor, showApiError } from '../form-errors';
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

const FIELDS = [
  'district',
  'receivedOn',
  'source',
  'subject.personalIdentityNumber',
  'subject.gender',
  'subject.name',
  'subject.protectedIdentity',
  'summary',
  'assistanceCaseNumber',
  'reportedBy',
  ...Array.from({ length: 120 }, (_, i) => [`suspectedPayments.${i}.paidOn`, `suspectedPayments.${i}.amount`]).flat(),
];

export default function RegisterCase() {
  useDocumentTitle('Registrera inkommande information');
  const session = useSession();
  const districts = useDistricts();
  const [key] = useState(newIdempotencyKey);
  const [message, setMessage] = useState<string>();
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
  });

  /** The person's other open cases, looked up (in a request body) as soon as a personnummer is entered. */
  const lookUpPerson = async (): Promise<void> => {
    const pin = form.getValues('subject.personalIdentityNumber').trim();
    setRelated(undefined);
    if (pin.length < 10) return;
    try {
      const { data } = await ok(
        api.POST('/api/cases/search', { body: { personalIdentityNumber: pin, open: true, pageSize: 50 } }),
      );
      setRelated(data.items);
      form.clearErrors('subject.personalIdentityNumber');
    } catch (e) {
      showApiError(e, form.setError, FIELDS);
    }
  };

  const onSubmit = form.handleSubmit(async (v) => {
    setMessage(undefined);
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
      setMessage(showApiError(e, form.setError, FIELDS));
    }
  });

  const pinEntered = form.watch('subject.personalIdentityNumber').trim() !== '';
  return (
    <>
      <h1>Registrera inkommande information</h1>
      <p>Fält markerade med * måste fyllas i.</p>
      <Form onSubmit={(e) => void onSubmit(e)} validationBehavior="aria" className="register-form">
        <FormMessage>{message}</FormMessage>
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
                name="subject.personalIdentityNumber"
                label="Personnummer eller samordningsnummer"
                description="ÅÅÅÅMMDD-NNNN. Kön följer av numret."
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
        <PaymentRows control={form.control} name="suspectedPayments" legend="Misstänkt felaktiga utbetalningar" />
        <TextInput control={form.control} name="summary" label="Sammanfattning" multiline />
        <Button type="submit" isDisabled={form.formState.isSubmitting}>
          Registrera
        </Button>
      </Form>
    </>
  );
}
