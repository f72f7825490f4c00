import { decoyPasswordHash, hashPassword, verifyPassword } from '../secrets/passwords';
import type { Row } from '../sql/sql-client';
import type { NewUser, Role, User, UserRepository } from '../types';
import { conflictOn, iso, isUuid, newId, type RepositoryContext, toNumber } from './context';

const columns = 'id, org_id, email, name, role, created_at, updated_at';

export function toUser(row: Row): User {
  return {
    id: String(row.id),
    orgId: String(row.org_id),
    email: String(row.email),
    name: String(row.name),
    role: row.role as Role,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function createUserRepository({ client }: RepositoryContext): UserRepository {
  async function insert(orgId: string, input: NewUser): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    try {
      const [row] = await client.query(
        `INSERT INTO users (id, org_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING ${columns}`,
        [newId(), orgId, normaliseEmail(input.email), input.name.trim(), input.role, passwordHash],
      );
      return toUser(row as Row);
    } catch (error) {
      return conflictOn(error, 'A user with this email already exists.');
    }
  }

  return {
    async countAll() {
      const [row] = await client.query('SELECT count(*) AS count FROM users');
      return toNumber(row?.count);
    },
    async bootstrapAdmin(orgId, input) {
      const passwordHash = await hashPassword(input.password);
      return client.transaction(async (transaction) => {
        // Two first-run requests at once: the lock makes the second see the first one's admin.
        await transaction.query(
          `SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.askdata.bootstrap'))`,
        );
        const [existing] = await transaction.query('SELECT 1 FROM users LIMIT 1');
        if (existing) return null;
        const [row] = await transaction.query(
          `INSERT INTO users (id, org_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, 'admin', $5)
           RETURNING ${columns}`,
          [newId(), orgId, normaliseEmail(input.email), input.name.trim(), passwordHash],
        );
        return toUser(row as Row);
      });
    },
    create: (orgId, input) => insert(orgId, input),
    async get(orgId, id) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(`SELECT ${columns} FROM users WHERE org_id = $1 AND id = $2`, [
        orgId,
        id,
      ]);
      return row ? toUser(row) : null;
    },
    async findByEmail(orgId, email) {
      const [row] = await client.query(`SELECT ${columns} FROM users WHERE org_id = $1 AND email = $2`, [
        orgId,
        normaliseEmail(email),
      ]);
      return row ? toUser(row) : null;
    },
    async list(orgId) {
      const rows = await client.query(
        `SELECT ${columns} FROM users WHERE org_id = $1 ORDER BY created_at, email`,
        [orgId],
      );
      return rows.map(toUser);
    },
    async setRole(orgId, id, role) {
      if (!isUuid(id)) return null;
      const [row] = await client.query(
        `UPDATE users SET role = $3, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING ${columns}`,
        [orgId, id, role],
      );
      return row ? toUser(row) : null;
    },
    async setPassword(orgId, id, password) {
      if (!isUuid(id)) return false;
      const passwordHash = await hashPassword(password);
      const rows = await client.query(
        'UPDATE users SET password_hash = $3, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING id',
        [orgId, id, passwordHash],
      );
      return rows.length > 0;
    },
    async verifyPassword(email, password) {
      const [row] = await client.query(
        `SELECT ${columns}, password_hash FROM users WHERE email = $1 ORDER BY created_at LIMIT 1`,
        [normaliseEmail(email)],
      );
      if (!row) {
        await verifyPassword(await decoyPasswordHash(), password);
        return null;
      }
      return (await verifyPassword(String(row.password_hash), password)) ? toUser(row) : null;
    },
  };
}
