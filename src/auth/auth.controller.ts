import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { DevTokenDto, DevTokenResultDto } from './dev-token.dto';
import { Problem } from '../common/problem';
import { DistrictRegister } from '../districts/district-register';
import { Public } from './auth.decorators';
import { DevIssuer } from './token-verifier';

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
  @ApiOkResponse({ type: DevTokenResultDto, description: 'A signed development token' })
  @ApiProblems(400)
  @HttpCode(200)
  async token(@Body() body: DevTokenDto): Promise<DevTokenResultDto> {
    const unknown = body.districts.filter((d) => !this.register.get(d));
    if (unknown.length > 0)
      throw Problem.badRequest([{ field: 'districts', message: `Unknown districts: ${unknown.join(', ')}` }]);
    return { accessToken: await this.issuer.issue(body), tokenType: 'Bearer', expiresIn: 8 * 3600 };
  }
}
