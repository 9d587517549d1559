import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import {
  ApprovalDto,
  ApprovalsDto,
  ApproveReportDto,
  DraftTextsDto,
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
import { ReportApprovals } from './report/report-approvals.service';
import { ReportInputs } from './report/report-inputs.service';
import { ReportService } from './report/report.service';
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
    private readonly reports: ReportService,
    private readonly approvals: ReportApprovals,
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

  /** Drafts of every text from the year's figures and the law in force that year, to start editing from. */
  @Get('reports/annual/:year/texts/draft')
  @ApiOkResponse({ type: DraftTextsDto, description: "The drafts, in the texts' own shape" })
  async drafts(@Param('year') year: string): Promise<DraftTextsDto> {
    return this.reports.drafts(parseYear(year));
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

  /** Record the city's post-check result as a whole for a year (checked, with taxed income, passed on). */
  @Put('statistics/post-checks/:year')
  @ApiOkResponse({ type: PostCheckRecordedDto, description: 'The result is recorded' })
  @ApiProblems(422)
  @Audited('report.post-checks')
  async recordCityPostCheck(
    @Param('year') year: string,
    @Body() b: PostCheckDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const y = parseYear(year);
    this.checkNested(b);
    await this.inputs.recordPostCheck(y, { district: null, ...b }, principal.user);
    return { year: y, district: null, ...b };
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
    // A district that did not exist during the year has no post-checks in its report.
    if (!this.districts.validBetween(`${y}-01-01`, `${y}-12-31`).some((d) => d.code === district)) {
      throw Problem.badRequest([{ field: 'district', message: `District ${district} did not exist in ${y}` }]);
    }
    this.checkNested(b);
    await this.inputs.recordPostCheck(y, { district, ...b }, principal.user);
    return { year: y, district, ...b };
  }

  private checkNested(b: PostCheckDto): void {
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
  }

  /**
   * The year's approved versions (fastställd), whether the approved figures still come out of the log, and what was
   * recorded into the year after the latest approval.
   */
  @Get('reports/annual/:year/approvals')
  @ApiOkResponse({ type: ApprovalsDto, description: 'The approvals and the changes since the latest' })
  async approvalState(@Param('year') year: string): Promise<ApprovalsDto> {
    const y = parseYear(year);
    const state = await this.reports.approvalState(y);
    return {
      year: y,
      approvals: state.approvals,
      figuresIntact: state.figuresIntact,
      changedFigures: state.differences,
      stepsAfterApproval: state.lateSteps,
    };
  }

  /**
   * Approve (fastställ) the year's report as known at the end of knownAt; a new version lists what changed from the
   * one before. Afterwards the year's default report and statistics show these figures.
   */
  @Post('reports/annual/:year/approvals')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ApprovalDto, description: 'The approved version' })
  @ApiProblems(409)
  @Audited('report.approve')
  async approve(
    @Param('year') year: string,
    @Body() b: ApproveReportDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApprovalDto> {
    return this.approvals.approve(parseYear(year), b.knownAt, b.basedOnVersion ?? null, principal.user);
  }
}
