import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { DEV_CLIENT_SECRET } from './dev-provider';
import { OidcLogin } from './oidc-login';
import { SessionController } from './session.controller';
import { SessionStore } from './session-store';

export const CALLBACK_PATH = '/api/auth/callback';
export const DEV_PROVIDER_PATH = '/dev-idp';

/** Sign-in of the web interface: sessions, the OIDC client, and its endpoints. */
@Module({})
export class SessionModule {
  static forRoot(config: AppConfig): DynamicModule {
    const web = config.web;
    const issuer =
      web.provider === 'embedded'
        ? `${web.publicUrl}${DEV_PROVIDER_PATH}`
        : config.auth.mode === 'oidc'
          ? config.auth.issuer
          : '';
    return {
      module: SessionModule,
      controllers: [SessionController],
      providers: [
        { provide: SessionStore, useValue: new SessionStore(web.idleMinutes * 60_000) },
        {
          provide: OidcLogin,
          useValue: new OidcLogin({
            issuer,
            clientId: web.clientId,
            clientSecret: web.provider === 'embedded' ? DEV_CLIENT_SECRET : web.clientSecret,
            redirectUri: `${web.publicUrl}${CALLBACK_PATH}`,
            scopes: web.scopes,
            forceLogin: web.provider === 'embedded',
          }),
        },
      ],
      exports: [SessionStore],
    };
  }
}
