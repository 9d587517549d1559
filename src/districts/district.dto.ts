import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { IsLocalDate, IsPlainText } from '../common/validators';
import type { District } from './district-register';

export class DistrictDto implements District {
  /** Stable code, e.g. bromma. */
  code!: string;
  name!: string;
  /** Case numbers start with it. */
  prefix!: string;
  validFrom!: string;
  /** null: still in use. */
  validTo!: string | null;
  /** Where its open cases passed on the day after validTo (a merger); null while it exists. */
  successor!: string | null;
}

const CODE = /^[a-z0-9-]{1,64}$/;

/**
 * The request bodies of the register's changes live here, in a *.dto.ts file, so the Swagger plugin
 * describes their fields (scripts/openapi.mjs --check refuses a request body without them).
 */
export class AddDistrictDto {
  /** Stable code: lower-case letters, digits and hyphens, e.g. norra-innerstaden. */
  @IsString()
  @Matches(CODE, { message: 'code must be lower-case letters, digits and hyphens' })
  code!: string;

  /** The district's name as the report prints it. */
  @IsString()
  @Length(1, 100)
  @IsPlainText()
  name!: string;

  /** Case numbers start with it: `<prefix>-<year>-<sequence>`. */
  @IsString()
  @Matches(/^[A-ZÅÄÖ]{1,4}$/, { message: 'prefix must be one to four capital letters' })
  prefix!: string;

  /** The first day it takes cases (YYYY-MM-DD). */
  @IsLocalDate()
  validFrom!: string;
}

export class MergeDistrictsDto {
  /** The districts that end the day before mergedOn. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(CODE, { each: true, message: 'each district must be a district code' })
  districts!: string[];

  /** The successor that takes over their open cases on mergedOn (add it first if it is new). */
  @IsString()
  @Matches(CODE, { message: 'into must be a district code' })
  into!: string;

  /** The successor's first day with their cases (YYYY-MM-DD). */
  @IsLocalDate()
  mergedOn!: string;
}
