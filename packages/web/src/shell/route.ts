/** The two places in the signed-in app: a new conversation (`/`) or one conversation (`/s/:id`). */
export function sessionIdFromPath(pathname: string): string | undefined {
  const match = /^\/s\/([^/]+)/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

export function pathForSession(id: string | undefined): string {
  return id ? `/s/${encodeURIComponent(id)}` : '/';
}
