/** PostgreSQL's unique_violation, however drizzle wraps the driver's error. */
export function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  return (cause as { code?: string } | null)?.code === '23505';
}
