import { DistrictRegister } from '../../../districts/district-register';
import { specification } from '../../../testing/decider-specification';
import type { OpenCase } from '../../domain/case-state';
import { mayIdentify, withheldIdentity } from '../../domain/persons';
import { caseDecider, replay, type CaseCommand, type CaseEvent } from '../index';

/** Skyddade personuppgifter: recorded at registration or later, lifted by a unit head; who may see who the person is. */

const given = specification(caseDecider);
const TODAY = '2019-06-28';
const cmd = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data']) =>
  ({ type, data, today: TODAY }) as CaseCommand;

const registered = (over: Partial<Extract<CaseEvent, { type: 'CaseRegistered' }>['data']> = {}): CaseEvent => ({
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
    ...over,
  },
});
const secondNamed: CaseEvent = {
  type: 'SecondPersonNamed',
  data: {
    namedOn: '2019-02-05',
    relation: 'spouse',
    person: { personalIdentityNumber: '197712314561', name: 'Maka', gender: 'woman' },
    dataKeyId: 'k-2',
  },
};
const protectedSubject: CaseEvent = {
  type: 'IdentityProtected',
  data: { notedOn: '2019-03-01', person: 'subject', basis: 'protected-registration' },
};
const closed: CaseEvent = { type: 'CaseClosed', data: { closedOn: '2019-03-10', reason: 'no-action' } };
const voided: CaseEvent = { type: 'CaseVoided', data: { voidedOn: '2019-02-02', reason: 'duplicate', note: null } };

describe('registering with a protected identity', () => {
  it('keeps the protection on the registration and the case', () => {
    const events = given([])
      .when(
        cmd('RegisterCase', {
          caseId: 'c-1',
          caseNumber: 'FA-2019-0001',
          district: DistrictRegister.default().get('farsta')!,
          receivedOn: '2019-02-01',
          source: 'caseworker',
          subject: { personalIdentityNumber: '198112189876', name: 'Testperson', gender: 'man' },
          suspectedPayments: [],
          summary: null,
          dataKeyId: 'k-1',
          protectedIdentity: 'confidentiality-marking',
        }),
      )
      .events();
    expect(events).toEqual([registered({ protectedIdentity: 'confidentiality-marking' })]);
    expect((replay(events) as OpenCase).identityProtections).toEqual([
      { person: 'subject', basis: 'confidentiality-marking', since: '2019-02-01' },
    ]);
  });

  it('writes nothing about protection for an ordinary registration', () => {
    const [event] = given([])
      .when(
        cmd('RegisterCase', {
          caseId: 'c-1',
          caseNumber: 'FA-2019-0001',
          district: DistrictRegister.default().get('farsta')!,
          receivedOn: '2019-02-01',
          source: 'caseworker',
          subject: { personalIdentityNumber: null, name: null, gender: 'woman' },
          suspectedPayments: [],
          summary: null,
        }),
      )
      .events();
    expect(event.data).not.toHaveProperty('protectedIdentity');
  });
});

describe('recording a protected identity later', () => {
  it("protects the case's person", () => {
    given([registered()])
      .when(cmd('ProtectIdentity', { notedOn: '2019-03-01', basis: 'protected-registration' }))
      .then([protectedSubject]);
  });

  it('protects the second person, once named', () => {
    given([registered(), secondNamed])
      .when(cmd('ProtectIdentity', { notedOn: '2019-03-01', person: 'second-person', basis: 'fictitious-identity' }))
      .then([
        {
          type: 'IdentityProtected',
          data: { notedOn: '2019-03-01', person: 'second-person', basis: 'fictitious-identity' },
        },
      ]);
    given([registered()])
      .when(cmd('ProtectIdentity', { notedOn: '2019-03-01', person: 'second-person', basis: 'fictitious-identity' }))
      .thenFails({ kind: 'conflict', code: 'no-second-person' });
  });

  it('is taken on a closed or a voided case too: they still hold the person', () => {
    given([registered(), closed])
      .when(cmd('ProtectIdentity', { notedOn: '2019-03-11', basis: 'protected-registration' }))
      .then([{ ...protectedSubject, data: { ...protectedSubject.data, notedOn: '2019-03-11' } } as CaseEvent]);
    given([registered(), voided])
      .when(cmd('ProtectIdentity', { notedOn: '2019-03-01', basis: 'protected-registration' }))
      .then([protectedSubject]);
  });

  it('is refused twice for the same person, in the future or before the case was received', () => {
    given([registered(), protectedSubject])
      .when(cmd('ProtectIdentity', { notedOn: '2019-04-01', basis: 'confidentiality-marking' }))
      .thenFails({ kind: 'conflict', code: 'identity-already-protected' });
    given([registered()])
      .when(cmd('ProtectIdentity', { notedOn: '2019-07-01', basis: 'confidentiality-marking' }))
      .thenFails({ code: 'date-in-future', field: 'notedOn' });
    given([registered()])
      .when(cmd('ProtectIdentity', { notedOn: '2019-01-31', basis: 'confidentiality-marking' }))
      .thenFails({ code: 'date-before-received', field: 'notedOn' });
  });
});

describe('lifting a protected identity', () => {
  it('lifts the named person, not before the protection began', () => {
    given([registered(), protectedSubject])
      .when(cmd('LiftIdentityProtection', { liftedOn: '2019-05-01' }))
      .then([{ type: 'IdentityProtectionLifted', data: { liftedOn: '2019-05-01', person: 'subject' } }]);
    given([registered(), protectedSubject])
      .when(cmd('LiftIdentityProtection', { liftedOn: '2019-02-15' }))
      .thenFails({ code: 'date-before-step', field: 'liftedOn' });
  });

  it('is refused where nobody is protected, or not the person named', () => {
    given([registered()])
      .when(cmd('LiftIdentityProtection', { liftedOn: '2019-05-01' }))
      .thenFails({ kind: 'conflict', code: 'identity-not-protected' });
    given([registered(), secondNamed, protectedSubject])
      .when(cmd('LiftIdentityProtection', { liftedOn: '2019-05-01', person: 'second-person' }))
      .thenFails({ kind: 'conflict', code: 'identity-not-protected' });
  });

  it('leaves the case unprotected once every protection is lifted', () => {
    const c = replay([
      registered(),
      protectedSubject,
      { type: 'IdentityProtectionLifted', data: { liftedOn: '2019-05-01', person: 'subject' } },
    ]) as OpenCase;
    expect(c.identityProtections).toEqual([]);
    expect(mayIdentify(c, { user: 'someone', role: 'investigator', districts: ['farsta'] })).toBe(true);
  });
});

describe('who may see a protected identity (mayIdentify)', () => {
  const assigned: CaseEvent = { type: 'InvestigatorAssigned', data: { assignedOn: '2019-02-03', investigator: 'ina' } };
  const c = replay([registered(), assigned, protectedSubject]) as OpenCase;
  const viewer = (user: string, role: string, districts: string[]) => ({ user, role, districts });

  it("shows it to the case's investigator and the unit head of the case's district", () => {
    expect(mayIdentify(c, viewer('ina', 'investigator', ['farsta']))).toBe(true);
    expect(mayIdentify(c, viewer('chef', 'unit-head', ['farsta', 'bromma']))).toBe(true);
  });

  it('withholds it from everyone else, the unit head of another district and the administrator too', () => {
    expect(mayIdentify(c, viewer('olle', 'investigator', ['farsta']))).toBe(false);
    expect(mayIdentify(c, viewer('chef.b', 'unit-head', ['bromma']))).toBe(false);
    // The investigator moved away from the district no longer sees it.
    expect(mayIdentify(c, viewer('ina', 'investigator', ['bromma']))).toBe(false);
    expect(mayIdentify(c, viewer('adam', 'admin', []))).toBe(false);
    expect(mayIdentify(c, viewer('doris', 'department', []))).toBe(false);
  });

  it('withholds both persons of a household where one is protected', () => {
    const household = replay([registered(), secondNamed, assigned, protectedSubject]) as OpenCase;
    const shown = withheldIdentity(household);
    expect(shown.subject).toEqual({ personalIdentityNumber: null, name: null, gender: 'man' });
    expect(shown.secondPerson).toMatchObject({ personalIdentityNumber: null, name: null, gender: 'woman' });
    expect(mayIdentify(household, viewer('olle', 'investigator', ['farsta']))).toBe(false);
  });

  it('shows an unprotected case to everyone who may read it', () => {
    const plain = replay([registered(), assigned]) as OpenCase;
    expect(mayIdentify(plain, viewer('olle', 'investigator', ['farsta']))).toBe(true);
  });
});
