import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import {
  EditReportTextsDto,
  PostCheckDto,
  PostCheckRecordedDto,
  PostCheckResultDto,
  TextsSavedDto,
  TextsVersionDto,
} from './report-inputs.dto';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Audited } from '../audit/audit.interceptor';
import { Problem } from '../common/problem';
import { DistrictRegister } from '../districts/district-register';
import { postCheckErrors } from './report/report-inputs';
import { ReportInputs } from './report/report-inputs.service';
import { parseYear } from './statistics.controller';

/** The department's own parts of the yearly report: narrative texts (versioned) and post-check results. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(400, 401, 403)
@Roles('department')
@Controller()
export class ReportInputsController {
  constructor(
    private readonly inputs: ReportInputs,
    private readonly districts: DistrictRegister,
  ) {}

  /** The report's narrative texts for a year, latest version, with who changed them and when. */
  @Get('reports/annual/:year/texts')
  @ApiOkResponse({ type: TextsVersionDto, description: 'The latest version of the texts, with their history' })
  @ApiProblems(404)
  async texts(@Param('year') year: string): Promise<TextsVersionDto> {
    const texts = await this.inputs.texts(parseYear(year));
    if (!texts) throw Problem.notFound(`No texts have been written for ${year}`);
    return texts;
  }

  /** Save a new version of the report's texts (an older basedOnVersion answers 409). */
  @Put('reports/annual/:year/texts')
  @ApiOkResponse({ type: TextsSavedDto, description: 'The texts are saved as a new version' })
  @ApiProblems(409)
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

  /** The latest post-check result (efterkontroll) per district for a year. */
  @Get('statistics/post-checks/:year')
  @ApiOkResponse({ type: [PostCheckResultDto], description: 'The latest post-check result of each district' })
  async postChecks(@Param('year') year: string): Promise<PostCheckResultDto[]> {
    return this.inputs.postChecks(parseYear(year));
  }

  /** Record a district's post-check result for a year (checked, with taxed income, passed on). */
  @Put('statistics/post-checks/:year/:district')
  @ApiOkResponse({ type: PostCheckRecordedDto, description: 'The result is recorded' })
  @ApiProblems(422)
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
