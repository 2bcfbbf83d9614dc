import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ADMIN_USER, withAuthenticatedGroup, type UserInfo } from './user';

/**
 * Bearer-token authentication: the kubeconfig's generated admin token, plus the users of a
 * static token file. Unknown or missing tokens authenticate no one (the caller answers 401).
 */
export class Authenticator {
  private readonly adminToken: Buffer;
  private readonly users: ReadonlyMap<string, UserInfo>;

  constructor(adminToken: string, staticUsers: ReadonlyMap<string, UserInfo> = new Map()) {
    this.adminToken = Buffer.from(adminToken);
    this.users = new Map([...staticUsers].map(([token, user]) => [token, withAuthenticatedGroup(user)]));
  }

  authenticateToken(token: string): UserInfo | undefined {
    const presented = Buffer.from(token);
    if (presented.length === this.adminToken.length && timingSafeEqual(presented, this.adminToken)) return ADMIN_USER;
    return this.users.get(token);
  }

  authenticateRequest(req: IncomingMessage): UserInfo | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return match ? this.authenticateToken(match[1]!) : undefined;
  }
}
