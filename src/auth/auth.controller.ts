import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { DevTokenResultDto } from './dev-token.dto';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches } from 'class-validator';
import { Problem } from '../common/problem';
import { DistrictRegister } from '../districts/district-register';
import { Public } from './auth.decorators';
import { ROLES, USER_ID, type Role } from './principal';
import { DevIssuer } from './token-verifier';

export class DevTokenDto {
  @IsString()
  @Matches(USER_ID, { message: 'user must be a user id (letters, digits, . _ @ -)' })
  user!: string;

  @IsIn(ROLES)
  role!: Role;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  districts!: string[];
}

/** The development issuer's token endpoint; it exists only with AUTH_MODE=dev. */
@ApiTags('auth')
@Controller('auth')
export class DevTokenController {
  constructor(
    private readonly issuer: DevIssuer,
    private readonly register: DistrictRegister,
  ) {}

  /** Development only: a signed token for any user, role and districts. */
  @Public()
  @Post('dev-token')
  @ApiOkResponse({ type: DevTokenResultDto })
  @ApiProblems(400)
  @HttpCode(200)
  async token(@Body() body: DevTokenDto): Promise<DevTokenResultDto> {
    const unknown = body.districts.filter((d) => !this.register.get(d));
    if (unknown.length > 0)
      throw Problem.badRequest([{ field: 'districts', message: `Unknown districts: ${unknown.join(', ')}` }]);
    return { accessToken: await this.issuer.issue(body), tokenType: 'Bearer', expiresIn: 8 * 3600 };
  }
}
