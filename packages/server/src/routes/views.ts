import type { ChatSession, Datasource, Message, Run, User } from '@askdata/store';

/** What the API shows of stored rows: the contract's shapes, never hashes or secrets. */
export const userView = (user: User) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
});

export const datasourceView = (datasource: Datasource) => ({
  id: datasource.id,
  name: datasource.name,
  kind: datasource.kind,
  tables: datasource.tables,
  createdAt: datasource.createdAt,
});

export const sessionView = (session: ChatSession) => ({
  id: session.id,
  title: session.title,
  datasourceId: session.datasourceId,
  createdAt: session.createdAt,
  updatedAt: session.updatedAt,
});

export const messageView = (message: Message) => ({
  id: message.id,
  role: message.role,
  content: message.content,
  ...(message.answer === null ? {} : { answer: message.answer }),
  status: message.status,
  createdAt: message.createdAt,
});

export const runView = (run: Run) => ({ id: run.id, status: run.status, messageId: run.messageId });
