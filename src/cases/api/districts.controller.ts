import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import { DistrictRegister } from '../../districts/district-register';

@ApiTags('districts')
@ApiBearerAuth()
@Roles('investigator', 'unit-head', 'department', 'admin')
@Controller('districts')
export class DistrictsController {
  constructor(private readonly register: DistrictRegister) {}

  /** The register of districts with code, name, case-number prefix and validity, in the report's order. */
  @Get()
  list() {
    return this.register.all();
  }
}
