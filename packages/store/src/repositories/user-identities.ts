import type { UserIdentityRepository } from '../types';
import { isUuid, type RepositoryContext } from './context';
import { toUser } from './users';

export function createUserIdentityRepository({ client }: RepositoryContext): UserIdentityRepository {
  return {
    async findUser(issuer, subject) {
      const [row] = await client.query(
        `UPDATE user_identities AS i SET last_login_at = now()
         FROM users AS u
         WHERE i.issuer = $1 AND i.subject = $2 AND u.id = i.user_id
         RETURNING u.id, u.org_id, u.email, u.name, u.role, u.created_at, u.updated_at`,
        [issuer, subject],
      );
      return row ? toUser(row) : null;
    },
    async link(orgId, input) {
      if (!isUuid(input.userId)) return false;
      const rows = await client.query(
        `INSERT INTO user_identities (issuer, subject, org_id, user_id, email) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (issuer, subject) DO NOTHING RETURNING user_id`,
        [input.issuer, input.subject, orgId, input.userId, input.email ?? null],
      );
      return rows.length > 0;
    },
  };
}
