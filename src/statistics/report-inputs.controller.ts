import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Audited } from '../audit/audit.interceptor';
import { Problem } from '../common/problem';
import { IsPlainText } from '../common/validators';
import { DistrictRegister } from '../districts/district-register';
import { postCheckErrors } from './report/report-inputs';
import { ReportInputs } from './report/report-inputs.service';
import { parseYear } from './statistics.controller';

const TEXT = 20_000;
/** A section may be left empty (''); anything else must be plain text a person reads. */
const hasText = (_: object, value: unknown): boolean => value !== '';

export class ReportTextsDto {
  @ValidateIf(hasText)
  @IsString()
  @MaxLength(TEXT)
  @IsPlainText({ multiline: true })
  introduction!: string;

  @ValidateIf(hasText)
  @IsString()
  @MaxLength(TEXT)
  @IsPlainText({ multiline: true })
  premises!: string;

  @ValidateIf(hasText)
  @IsString()
  @MaxLength(TEXT)
  @IsPlainText({ multiline: true })
  cityWork!: string;

  @ValidateIf(hasText)
  @IsString()
  @MaxLength(TEXT)
  @IsPlainText({ multiline: true })
  analysis!: string;

  /** One line each: the issuing unit, then name and title of those who sign. */
  @ValidateIf(hasText)
  @IsString()
  @MaxLength(2000)
  @IsPlainText({ multiline: true })
  issuer!: string;
}

export class EditReportTextsDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => ReportTextsDto)
  texts!: ReportTextsDto;

  /** The version these texts were edited from (absent for the first); an older one answers 409. */
  @IsOptional()
  @IsInt()
  @Min(0)
  basedOnVersion?: number;
}

export class PostCheckDto {
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  checked!: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  withTaxedIncome!: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  passedOn!: number;
}

/** The department's own parts of the yearly report: narrative texts (versioned) and post-check results. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('department')
@Controller()
export class ReportInputsController {
  constructor(
    private readonly inputs: ReportInputs,
    private readonly districts: DistrictRegister,
  ) {}

  @Get('reports/annual/:year/texts')
  async texts(@Param('year') year: string) {
    const texts = await this.inputs.texts(parseYear(year));
    if (!texts) throw Problem.notFound(`No texts have been written for ${year}`);
    return texts;
  }

  @Put('reports/annual/:year/texts')
  @Audited('report.texts')
  async editTexts(
    @Param('year') year: string,
    @Body() b: EditReportTextsDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const version = await this.inputs.editTexts(
      parseYear(year),
      { ...b.texts },
      b.basedOnVersion ?? null,
      principal.user,
    );
    return { year: Number(year), version };
  }

  @Get('statistics/post-checks/:year')
  async postChecks(@Param('year') year: string) {
    return this.inputs.postChecks(parseYear(year));
  }

  @Put('statistics/post-checks/:year/:district')
  @Audited('report.post-checks')
  async recordPostCheck(
    @Param('year') year: string,
    @Param('district') district: string,
    @Body() b: PostCheckDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const y = parseYear(year);
    if (!/^[a-z0-9-]{1,64}$/.test(district) || !this.districts.get(district)) {
      throw Problem.badRequest([{ field: 'district', message: `Unknown district ${district}` }]);
    }
    const errors = postCheckErrors(b);
    if (errors.length > 0) {
      throw new Problem(
        422,
        'post-check-inconsistent',
        'Unprocessable content',
        errors.map((e) => e.message).join('; '),
        {
          errors,
        },
      );
    }
    await this.inputs.recordPostCheck(y, { district, ...b }, principal.user);
    return { year: y, district, ...b };
  }
}
