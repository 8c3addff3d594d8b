/**
 * Where to go after signing in, from `?next=`: only a path of this app. Anything else (another
 * site, `//evil.example`, `/\evil`) is dropped, so a crafted sign-in link cannot send a person away.
 */
export function safeNext(next: string | null): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  if (next.startsWith('/sign-in') || next.startsWith('/invitations/')) return undefined;
  return next;
}
