/** Chat sessions, their share links and messages. */

import type { JsonValue } from './json';

export interface ChatSession {
  id: string;
  orgId: string;
  ownerId: string;
  datasourceId: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ChatSessionRepository {
  create(
    orgId: string,
    input: { ownerId: string; datasourceId: string; title?: string },
  ): Promise<ChatSession>;
  /** Soft-deleted sessions are returned only with `includeDeleted`. */
  get(orgId: string, id: string, options?: { includeDeleted?: boolean }): Promise<ChatSession | null>;
  /** Newest activity first; soft-deleted ones left out. */
  listForOwner(orgId: string, ownerId: string): Promise<ChatSession[]>;
  rename(orgId: string, id: string, title: string): Promise<ChatSession | null>;
  softDelete(orgId: string, id: string): Promise<boolean>;
  restore(orgId: string, id: string): Promise<ChatSession | null>;
}

export type ShareRole = 'viewer';

export interface ShareLink {
  id: string;
  orgId: string;
  sessionId: string;
  role: ShareRole;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ShareLinkRepository {
  /** `token` is returned once; the store keeps its SHA-256. */
  create(
    orgId: string,
    input: { sessionId: string; createdBy: string; role: ShareRole; expiresInHours: number },
  ): Promise<{ shareLink: ShareLink; token: string }>;
  /** The link for a token; null when unknown, expired, revoked, or its session is deleted. */
  findByToken(token: string): Promise<ShareLink | null>;
  listForSession(orgId: string, sessionId: string): Promise<ShareLink[]>;
  revoke(orgId: string, id: string): Promise<boolean>;
  /** Records that a signed-in user opened a share link (repeat visits update the time). */
  recordVisit(orgId: string, shareLinkId: string, userId: string): Promise<void>;
  /**
   * Sessions of other people shared with this user: those whose share link the user opened and that is
   * still live (not expired or revoked, session not deleted); most recently updated first.
   */
  listSharedWith(orgId: string, userId: string): Promise<SharedSession[]>;
  /** Whether the user opened a still-live share link of this session. */
  isSharedWith(orgId: string, sessionId: string, userId: string): Promise<boolean>;
}

/** A session someone shared with the user, with who shared it and until when. */
export interface SharedSession {
  session: ChatSession;
  sharedBy: string;
  expiresAt: string;
}

export type MessageRole = 'user' | 'assistant';
export type MessageStatus = 'pending' | 'complete' | 'failed' | 'cancelled';

export interface Message {
  id: string;
  orgId: string;
  sessionId: string;
  role: MessageRole;
  content: string;
  /** The stored Answer artifact (assistant messages), as JSON. */
  answer: JsonValue | null;
  status: MessageStatus;
  createdAt: string;
  updatedAt: string;
}

export interface MessageRepository {
  /** Also bumps the session's `updatedAt`. */
  create(
    orgId: string,
    input: {
      sessionId: string;
      role: MessageRole;
      content: string;
      status?: MessageStatus;
      answer?: JsonValue;
    },
  ): Promise<Message>;
  get(orgId: string, id: string): Promise<Message | null>;
  /** In the order they were written. */
  listForSession(orgId: string, sessionId: string): Promise<Message[]>;
  /**
   * The id of the latest complete assistant message of the session with an answer (a `spec` and a
   * `result`), other than `exceptId`: what a follow-up builds on, found without reading the session.
   */
  lastAnswerId(orgId: string, sessionId: string, exceptId: string): Promise<string | null>;
  /** The id of the latest complete assistant message other than `exceptId`, whatever it holds (cheaper). */
  lastCompleteReplyId(orgId: string, sessionId: string, exceptId: string): Promise<string | null>;
  update(
    orgId: string,
    id: string,
    patch: { content?: string; status?: MessageStatus; answer?: JsonValue | null },
  ): Promise<Message | null>;
}
