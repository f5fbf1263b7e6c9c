/**
 * Polls `probe` until it returns something other than undefined/false, or fails after
 * `timeoutMs` with `description` (and the last error the probe threw, if any).
 */
export async function waitFor<T>(
  description: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 15_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const detail = lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})` : "";
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${detail}`);
}
