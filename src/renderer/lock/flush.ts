/**
 * Pending edits that must reach the vault before it locks or the window closes. Each open editor registers a
 * flush; the lock flow calls flushAll (bounded in time), and only then asks the core to lock.
 */
type Flush = () => Promise<void>;

const flushes = new Set<Flush>();

export function registerFlush(flush: Flush): () => void {
  flushes.add(flush);
  return () => {
    flushes.delete(flush);
  };
}

/** Starts every pending save at once and waits for them, at most `timeoutMs`. */
export async function flushAll(timeoutMs = 1200): Promise<void> {
  const all = Promise.allSettled([...flushes].map((f) => f()));
  await Promise.race([all, new Promise<void>((done) => setTimeout(done, timeoutMs))]);
}
