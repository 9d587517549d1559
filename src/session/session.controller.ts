import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiFoundResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { Public } from '../auth/auth.decorators';
import { InvalidTokenError, principalOf } from '../auth/token-verifier';
import { Problem } from '../common/problem';
import { ApiProblems } from '../common/openapi';
import type { AppConfig } from '../config/config';
import { DistrictRegister } from '../districts/district-register';
import { APP_CONFIG, LOGGER } from '../infrastructure/tokens';
import { clearCookie, readCookie, setCookie } from './cookies';
import { OidcLogin } from './oidc-login';
import { SESSION_COOKIE } from './session.constants';
import { SessionInfoDto } from './session.dto';
import { SessionStore } from './session-store';

const LOGIN_COOKIE = 'fut_login';

/** Only a path of this site: never an open redirect. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]{0,500}$/.test(value) ? value : '/';
}

/**
 * The web interface's sign-in, run by the service (backend for frontend): the
 * authorization code flow with PKCE happens here, the tokens stay here, and the
 * browser gets only an httpOnly session cookie.
 */
@ApiTags('session')
@Public()
@Controller()
export class SessionController {
  private readonly secure: boolean;

  constructor(
    private readonly sessions: SessionStore,
    private readonly login: OidcLogin,
    private readonly register: DistrictRegister,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.secure = config.web.publicUrl.startsWith('https:');
  }

  /** Who is signed in, the CSRF token to send on writes, and when the session ends if idle. */
  @Get('session')
  @ApiCookieAuth()
  @ApiOkResponse({ type: SessionInfoDto, description: 'Who is signed in, and the CSRF token for writes' })
  @ApiProblems(401)
  current(@Req() req: Request): SessionInfoDto {
    const id = readCookie(req, SESSION_COOKIE);
    const session = id ? this.sessions.touch(id) : undefined;
    if (!session) throw new Problem(401, 'unauthenticated', 'Unauthorized', 'Not signed in.');
    return {
      user: session.principal.user,
      role: session.principal.role,
      districts: session.principal.districts,
      csrfToken: session.csrfToken,
      expiresAt: new Date(this.sessions.expiresAt(session)).toISOString(),
      idleMinutes: this.config.web.idleMinutes,
    };
  }

  /** Start signing in: redirects to the identity provider (authorization code flow with PKCE). */
  @Get('auth/login')
  @ApiFoundResponse({ description: 'To the identity provider' })
  @ApiProblems(503)
  async start(@Query('returnTo') returnTo: unknown, @Res() res: Response): Promise<void> {
    if (this.config.web.provider === 'off')
      throw new Problem(503, 'web-sign-in-off', 'Service unavailable', 'Web sign-in needs OIDC_CLIENT_ID.');
    const start = await this.login.start();
    const id = this.sessions.beginLogin({
      state: start.state,
      nonce: start.nonce,
      codeVerifier: start.codeVerifier,
      returnTo: safeReturnTo(returnTo),
    });
    setCookie(res, LOGIN_COOKIE, id, this.secure, 10 * 60_000);
    res.redirect(302, start.url.href);
  }

  /** The identity provider's redirect back: exchanges the code, starts the session, returns to the page. */
  @Get('auth/callback')
  @ApiFoundResponse({ description: 'Back to the page where sign-in began' })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const loginId = readCookie(req, LOGIN_COOKIE);
    const pending = loginId ? this.sessions.takeLogin(loginId) : undefined;
    clearCookie(res, LOGIN_COOKIE, this.secure);
    if (!pending) return res.redirect(302, '/utloggad?fel=inloggning');
    try {
      const claims = await this.login.finish(new URL(req.originalUrl, this.config.web.publicUrl), pending);
      const names =
        this.config.auth.mode === 'oidc'
          ? {
              user: this.config.auth.userClaim,
              role: this.config.auth.roleClaim,
              districts: this.config.auth.districtsClaim,
            }
          : { user: 'sub', role: 'role', districts: 'districts' };
      const principal = principalOf(claims, names, this.register);
      const session = this.sessions.create(principal);
      setCookie(res, SESSION_COOKIE, session.id, this.secure);
      this.logger.info({ user: principal.user, role: principal.role }, 'signed in');
      res.redirect(302, pending.returnTo);
    } catch (error) {
      // The reason goes to the log, never into the URL.
      this.logger.warn(
        { err: error instanceof InvalidTokenError || error instanceof Error ? error.message : String(error) },
        'sign-in failed',
      );
      res.redirect(302, '/utloggad?fel=inloggning');
    }
  }

  /** End the session (needs the X-CSRF-Token of the session). */
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblems(403)
  logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    const id = readCookie(req, SESSION_COOKIE);
    if (id) this.sessions.destroy(id);
    clearCookie(res, SESSION_COOKIE, this.secure);
  }
}
