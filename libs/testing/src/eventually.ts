/**
 * Retries `probe` until it stops throwing and returns what it returned, or fails with the
 * probe's last error after `timeoutMs`. For state that changes asynchronously where there is no
 * event to await (a row written by another process, say); write the probe as an assertion.
 */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  { timeoutMs = 10_000, intervalMs = 25 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`condition not met within ${timeoutMs} ms: ${reason}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
