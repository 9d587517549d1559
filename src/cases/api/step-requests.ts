import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsKronor, IsLocalDate, IsPlainText, NestedList, Optional } from '../../common/validators';
import type { RequestField, StepDefinition } from '../domain/step';
import { IncorrectPaymentDto, PaymentDto } from './payment.dto';

/**
 * A step's request class, made from the fields its folder declares: the same
 * class-validator rules every hand-written request class of the service uses
 * (so a wrong field answers 400 naming it, and nothing is written), and the
 * same OpenAPI schema with an example, under the name `<Step>Dto`.
 */

const USER_ID = /^[\p{L}\p{N}._@-]{1,100}$/u;
const DISTRICT_CODE = /^[a-z0-9-]{1,64}$/;
const CLAIM_ID = /^[1-9][0-9]{0,3}$/;
const REPORT_ID = CLAIM_ID;
/** A reminder's id: the investigator's own ('1') or the service's ('communication-deadline:1'). */
const REMINDER_ID = /^[a-z0-9][a-z0-9:-]{0,99}$/;

type Decorate = (target: object, key: string) => void;

/** The validation and the OpenAPI property of one field. */
function rulesOf(name: string, f: RequestField<unknown>): { validate: Decorate[]; api: ApiPropertyOptions } {
  const api = { required: !f.optional, description: f.doc };
  switch (f.kind) {
    case 'date':
      return {
        validate: [IsLocalDate()],
        api: { ...api, type: 'string', format: 'date', example: '2019-03-01', description: f.doc ?? 'YYYY-MM-DD' },
      };
    case 'amount':
      return {
        validate: [IsKronor({ allowZero: f.zero })],
        api: {
          ...api,
          type: 'number',
          minimum: 0,
          example: 4500,
          description: f.doc ?? `Kronor, at most two decimals${f.zero ? '' : ', above 0'}`,
        },
      };
    case 'choice': {
      const codes = Object.keys(f.labels);
      return { validate: [IsIn(codes)], api: { ...api, type: 'string', enum: codes, example: codes[0] } };
    }
    case 'text':
      return {
        validate: [IsString(), IsPlainText({ multiline: f.multiline }), MaxLength(f.max)],
        api: { ...api, type: 'string', maxLength: f.max, example: 'Uppgifter från handläggaren.' },
      };
    case 'flag':
      return { validate: [IsBoolean()], api: { ...api, type: 'boolean', example: true } };
    case 'user':
      return {
        validate: [IsString(), Matches(USER_ID, { message: `${name} must be a user id (letters, digits, . _ @ -)` })],
        api: { ...api, type: 'string', pattern: USER_ID.source, example: 'eva.fut' },
      };
    case 'district':
      return {
        validate: [
          IsString(),
          Matches(DISTRICT_CODE, { message: `${name} must be a district code from GET /api/districts` }),
        ],
        api: { ...api, type: 'string', pattern: DISTRICT_CODE.source, example: 'farsta' },
      };
    case 'claim':
      return {
        validate: [Matches(CLAIM_ID, { message: `${name} must be the number of one of the case's claims, e.g. "2"` })],
        api: { ...api, type: 'string', pattern: CLAIM_ID.source, example: '1' },
      };
    case 'report':
      return {
        validate: [
          Matches(REPORT_ID, { message: `${name} must be the number of one of the case's police reports, e.g. "2"` }),
        ],
        api: { ...api, type: 'string', pattern: REPORT_ID.source, example: '1' },
      };
    case 'reminder':
      return {
        validate: [Matches(REMINDER_ID, { message: `${name} must be a reminderId from the case view's reminders` })],
        api: { ...api, type: 'string', pattern: REMINDER_ID.source, example: '1' },
      };
    case 'payments': {
      const item = f.grantedOn ? IncorrectPaymentDto : PaymentDto;
      return {
        validate: [NestedList(() => item, f.max)],
        api: {
          ...api,
          type: [item],
          maxItems: f.max,
          example: [{ paidOn: '2018-01-25', amount: 4500, ...(f.grantedOn ? { grantedOn: '2018-01-10' } : {}) }],
        },
      };
    }
    case 'positions':
      return {
        validate: [
          IsArray(),
          ArrayMaxSize(f.max),
          IsInt({ each: true }),
          Min(0, { each: true }),
          Max(f.max - 1, { each: true }),
        ],
        api: { ...api, type: [Number], maxItems: f.max, minimum: 0, maximum: f.max - 1, example: [0] },
      };
  }
}

const pascal = (id: string): string =>
  id.replace(/(^|-)([a-z])/g, (_: string, _dash: string, c: string) => c.toUpperCase());

/** The request class of a step with a route: `PreAssessmentDto` for the step `pre-assessment`. */
export function requestClassOf(step: StepDefinition): new () => object {
  const dto = class {};
  Object.defineProperty(dto, 'name', { value: `${pascal(step.id)}Dto` });
  for (const [name, f] of Object.entries(step.http?.request ?? {})) {
    const { validate, api } = rulesOf(name, f);
    const decorators: Decorate[] = [...(f.optional ? [Optional()] : []), ...validate, ApiProperty(api)];
    // Applied as TypeScript applies a property's decorators: the last written first.
    for (const decorate of decorators.reverse()) decorate(dto.prototype, name);
  }
  return dto;
}
