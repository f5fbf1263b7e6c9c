/** Counts failed attempts per key over a window (Redis in the apps; any store in tests). */
export interface AttemptCounter {
  /** Records one failure and returns the number of failures in the current window. */
  recordFailure(key: string, windowSeconds: number): Promise<number>;
  count(key: string): Promise<number>;
  clear(key: string): Promise<void>;
}
