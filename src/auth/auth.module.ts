import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '../config/config';
import { DistrictRegister } from '../districts/district-register';
import { DevTokenController } from './auth.controller';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard';
import { UserThrottler } from './user-throttler';
import { DevIssuer, OidcVerifier } from './token-verifier';
import { UnauthenticatedLimit } from './unauthenticated-limit';

@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    const unauthenticated = {
      provide: UnauthenticatedLimit,
      useValue: new UnauthenticatedLimit(config.unauthenticatedPerMinute),
    };
    if (config.auth.mode === 'dev') {
      return {
        module: AuthModule,
        controllers: [DevTokenController],
        providers: [
          {
            provide: DevIssuer,
            useFactory: (d: DistrictRegister) => new DevIssuer(config.dataDir, d),
            inject: [DistrictRegister],
          },
          { provide: TOKEN_VERIFIER, useExisting: DevIssuer },
          unauthenticated,
          { provide: APP_GUARD, useClass: AuthGuard },
          // After the auth guard, so the limits follow the signed-in user.
          { provide: APP_GUARD, useClass: UserThrottler },
        ],
        exports: [DevIssuer, UnauthenticatedLimit],
      };
    }
    const oidc = config.auth;
    return {
      module: AuthModule,
      providers: [
        {
          provide: TOKEN_VERIFIER,
          useFactory: (d: DistrictRegister) => new OidcVerifier(oidc, d),
          inject: [DistrictRegister],
        },
        unauthenticated,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: UserThrottler },
      ],
      exports: [UnauthenticatedLimit],
    };
  }
}
