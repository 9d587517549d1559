import { specification } from '../../../testing/decider-specification';
import { caseDecider, replay, type CaseCommand, type CaseEvent } from '..';
import { personalFileIds, type OpenCase } from '../../domain/case-state';
import { MAX_ATTACHMENTS } from './attachment.step';

const given = specification(caseDecider);
const TODAY = '2019-06-28';

const registered: CaseEvent = {
  type: 'CaseRegistered',
  data: {
    caseId: 'c-1',
    caseNumber: 'FA-2019-0001',
    district: 'farsta',
    receivedOn: '2019-02-01',
    source: 'caseworker',
    subject: { personalIdentityNumber: '198112189876', name: 'Testperson', gender: 'man' },
    suspectedPayments: [],
    summary: null,
    dataKeyId: 'k-1',
  },
};
const SHA = 'a'.repeat(64);
const add = (over: Partial<Extract<CaseCommand, { type: 'AddAttachment' }>['data']> = {}): CaseCommand => ({
  type: 'AddAttachment',
  data: {
    attachmentId: '3f1c2b8e-0d4a-4c55-9e0b-6a1d2c3b4a59',
    addedBy: 'utredare.farsta',
    kind: 'pdf',
    size: 1234,
    sha256: SHA,
    name: 'kontoutdrag.pdf',
    description: 'Kontoutdrag mars',
    ...over,
  },
  today: TODAY,
});
const added = (attachmentId: string): CaseEvent => ({
  type: 'AttachmentAdded',
  data: {
    attachmentId,
    addedOn: '2019-03-01',
    addedBy: 'utredare.farsta',
    kind: 'png',
    size: 10,
    sha256: SHA,
    name: 'x.png',
    description: null,
  },
});

describe('attachments (bilagor)', () => {
  it('adds the file as evidence, dated today, naming who added it', () =>
    given([registered])
      .when(add())
      .then([
        {
          type: 'AttachmentAdded',
          data: {
            attachmentId: '3f1c2b8e-0d4a-4c55-9e0b-6a1d2c3b4a59',
            addedOn: TODAY,
            addedBy: 'utredare.farsta',
            kind: 'pdf',
            size: 1234,
            sha256: SHA,
            name: 'kontoutdrag.pdf',
            description: 'Kontoutdrag mars',
          },
        },
      ]));

  it('a closed case still takes evidence, as it takes journal notes', () => {
    const closed: CaseEvent = { type: 'CaseClosed', data: { closedOn: '2019-05-01', reason: 'no-action' } };
    expect(given([registered, closed]).when(add()).events()).toHaveLength(1);
  });

  it('a voided case does not', () => {
    const voided: CaseEvent = { type: 'CaseVoided', data: { voidedOn: '2019-03-01', reason: 'duplicate', note: null } };
    given([registered, voided]).when(add()).thenFails({ code: 'case-voided' });
  });

  it('a culled case does not', () => {
    const culled: CaseEvent = { type: 'PersonalDataCulled', data: { culledOn: '2019-06-01' } };
    given([registered, culled]).when(add()).thenFails({ code: 'case-culled' });
  });

  it('adds the same file id once', () =>
    given([registered, added('3f1c2b8e-0d4a-4c55-9e0b-6a1d2c3b4a59')])
      .when(add())
      .thenFails({ kind: 'conflict', code: 'attachment-exists' }));

  it(`holds at most ${MAX_ATTACHMENTS} attachments`, () => {
    const many = Array.from({ length: MAX_ATTACHMENTS }, (_, i) => added(`file-${String(i).padStart(16, '0')}`));
    given([registered, ...many])
      .when(add())
      .thenFails({ kind: 'rule', code: 'attachment-limit-reached' });
    expect(
      given([registered, ...many.slice(1)])
        .when(add())
        .events(),
    ).toHaveLength(1);
  });

  it('refuses what the event cannot hold: a size of 0, more than 25 MB, a kind it does not know, a bad sha-256', () => {
    given([registered])
      .when(add({ size: 0 }))
      .thenFails({ kind: 'invalid', field: 'size' });
    given([registered])
      .when(add({ size: 25 * 1024 * 1024 + 1 }))
      .thenFails({ kind: 'invalid', field: 'size' });
    given([registered])
      .when(add({ kind: 'exe' as never }))
      .thenFails({ kind: 'invalid', field: 'kind' });
    given([registered])
      .when(add({ sha256: 'xyz' }))
      .thenFails({ kind: 'invalid', field: 'sha256' });
  });

  it('does not move the date later steps may not precede, and the case lists its files for culling', () => {
    const state = replay([registered, added('file-aaaaaaaaaaaaaaaa'), added('file-bbbbbbbbbbbbbbbb')]) as OpenCase;
    expect(state.lastStepOn).toBe('2019-02-01');
    expect(personalFileIds(state)).toEqual(['file-aaaaaaaaaaaaaaaa', 'file-bbbbbbbbbbbbbbbb']);
  });
});
