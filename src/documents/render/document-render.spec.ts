import { readFileSync } from 'node:fs';
import PizZip from 'pizzip';
import { join } from 'node:path';
import { replay, type CaseEvent } from '../../cases/steps';
import type { OpenCase } from '../../cases/domain/case-state';
import { DOCUMENT_TYPES, type DocumentType } from '../../cases/steps/document/document.step';
import { buildDocument } from '../content';
import { defaultTemplate } from '../templates/default-templates';
import { renderDocx, checkTemplate } from './document-docx';
import { renderDocumentPdf } from './document-pdf';
import { letterheadOf } from './letterhead';

const events: CaseEvent[] = [
  {
    type: 'CaseRegistered',
    data: {
      caseId: 'c',
      caseNumber: 'FA-2018-0007',
      district: 'farsta',
      receivedOn: '2018-02-01',
      source: 'caseworker',
      subject: { personalIdentityNumber: '198112189876', name: 'Anna Andersson', gender: 'woman' },
      suspectedPayments: [],
      summary: null,
      dataKeyId: 'k',
      assistanceCaseNumber: 'EB-2017-4711',
      reportedBy: 'Socialsekreterare Eva Ek',
    },
  },
  {
    type: 'PreAssessmentMade',
    data: {
      decidedOn: '2018-02-10',
      decision: 'open-investigation',
      reason: null,
      suspectedCause: 'unreported-income',
    },
  },
  {
    type: 'InvestigationCompleted',
    data: {
      completedOn: '2018-03-01',
      finding: 'incorrect-payment',
      cause: 'unreported-income',
      intent: 'intentional',
      savedAmountOre: 0,
      incorrectPayments: [
        {
          paidOn: '2017-12-22',
          grantedOn: '2017-12-20',
          amountOre: 300000,
          month: '2018-01',
          paidAmountOre: 820000,
          correctAmountOre: 520000,
          reason: 'Lön från Bygg AB i januari',
        },
        {
          paidOn: '2018-01-25',
          grantedOn: '2018-01-20',
          amountOre: 350000,
          month: '2018-02',
          paidAmountOre: 820000,
          correctAmountOre: 470000,
          reason: 'Lön från Bygg AB i februari',
        },
        {
          paidOn: '2014-02-25',
          grantedOn: '2014-02-20',
          amountOre: 100000,
          month: null,
          paidAmountOre: null,
          correctAmountOre: null,
          reason: null,
        },
      ],
    },
  },
  {
    type: 'CommunicationSent',
    data: {
      communicationId: '1',
      concerning: 'repayment-claim',
      sentOn: '2018-03-02',
      respondBy: '2018-03-09',
      material: 'Utredningen och beräkningen månad för månad.',
    },
  },
  {
    type: 'RepaymentClaimDecided',
    data: {
      claimId: '1',
      decidedOn: '2018-03-10',
      legalBasis: 'SoL 9:1',
      amountOre: 750000,
      paymentIndexes: [0, 1, 2],
    },
  },
  {
    type: 'RepaymentPlanAgreed',
    data: { claimId: '1', agreedOn: '2018-03-20', monthlyAmountOre: 100000, firstDueOn: '2018-04-30' },
  },
  { type: 'PoliceReportFiled', data: { filedOn: '2018-03-12', offence: 'benefit-offence' } },
  { type: 'AbilityToPayAssessed', data: { assessedOn: '2018-05-01', able: true } },
  { type: 'CompensationSuitDecided', data: { claimId: '1', decidedOn: '2018-05-02' } },
  { type: 'CompensationSuitFiled', data: { claimId: '1', filedOn: '2018-05-03', amountOre: 650000 } },
  { type: 'ClaimWaived', data: { claimId: '1', decidedOn: '2018-05-04', reason: 'other', amountOre: 100000 } },
  {
    type: 'AttachmentAdded',
    data: {
      attachmentId: 'file-aaaaaaaaaaaaaaaa',
      addedOn: '2018-02-20',
      addedBy: 'anna',
      kind: 'pdf',
      size: 10,
      sha256: 'a'.repeat(64),
      name: 'lonebesked-januari.pdf',
      description: 'Lönebesked januari',
    },
  },
  {
    type: 'AuthorityNotified',
    data: { sentOn: '2018-03-05', authority: 'forsakringskassan', concerning: 'housing-allowance' },
  },
] as CaseEvent[];

/**
 * The renderers on a case with every step a document is made from: each
 * type's default template is one its documents fill, and the same content
 * makes the same DOCX and PDF bytes (the issued file's sha-256 is then the
 * same on a reissue).
 */
it('renders every type to the same DOCX and PDF bytes each time, with templates the types fill', async () => {
  const c = replay(events) as OpenCase;
  for (const type of Object.keys(DOCUMENT_TYPES) as DocumentType[]) {
    const content = buildDocument(type, {
      c,
      concerning: null,
      issuedOn: '2019-06-28',
      issuedBy: 'anna.utredare',
      districtName: 'Farsta',
      addressee: 'subject',
    });
    const template = defaultTemplate(type);
    expect(checkTemplate(type, template)).toEqual([]);
    const date = new Date(`${content.dated}T00:00:00Z`);
    const docx = renderDocx(template, content, date);
    const again = renderDocx(template, content, date);
    expect(docx.equals(again)).toBe(true);
    const letterhead = letterheadOf(docx);
    const pdf = await renderDocumentPdf({ content, letterhead, date: date.toISOString() });
    const pdf2 = await renderDocumentPdf({ content, letterhead, date: date.toISOString() });
    expect(pdf.equals(pdf2)).toBe(true);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(letterhead).toMatchObject({
      lines: ['Farsta stadsdelsnämnd', 'Socialförvaltningen, enheten mot felaktiga utbetalningar'],
      logo: null,
      footer: ['Farsta stadsdelsnämnd · Handläggare anna.utredare · Ärende FA-2018-0007'],
    });
  }
});

it('ships the default templates the script makes (node scripts/document-templates.mjs)', () => {
  for (const type of Object.keys(DOCUMENT_TYPES) as DocumentType[])
    expect({
      type,
      same: readFileSync(join(__dirname, '..', 'templates', `${type}.docx`)).equals(defaultTemplate(type)),
    }).toEqual({
      type,
      same: true,
    });
});

it('names the unknown placeholder and the broken one of a template', () => {
  const withBody = (text: string): Buffer => {
    const zip = new PizZip(defaultTemplate('police-report'));
    const xml = zip.file('word/document.xml')!.asText();
    zip.file('word/document.xml', xml.replace('<w:body>', `<w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p>`));
    return zip.generate({ type: 'nodebuffer' }) as Buffer;
  };
  expect(checkTemplate('police-report', withBody('{polis} {kundnummer}'))).toEqual([
    expect.objectContaining({ code: 'unknown-placeholder', placeholder: '{kundnummer}' }),
  ]);
  // A placeholder of another type is unknown to this one.
  expect(checkTemplate('police-report', withBody('{overklagande}'))).toEqual([
    expect.objectContaining({ placeholder: '{overklagande}' }),
  ]);
  expect(checkTemplate('repayment-claim-decision', withBody('{overklagande}'))).toEqual([]);
  expect(checkTemplate('police-report', withBody('{#berakning}{manad} {okand}{/berakning}'))).toEqual([
    expect.objectContaining({ placeholder: '{okand}' }),
  ]);
  expect(checkTemplate('police-report', withBody('{#berakning}{manad}'))).toEqual([
    expect.objectContaining({ code: 'template-syntax', placeholder: '{#berakning}' }),
  ]);
  expect(checkTemplate('police-report', Buffer.from('inte en zip'))).toEqual([
    expect.objectContaining({ code: 'not-a-docx' }),
  ]);
});
