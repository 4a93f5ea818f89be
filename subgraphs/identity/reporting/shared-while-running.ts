/**
 * Calls with the same key made while one is running share its result; nothing is kept once it
 * settles. Many analysts opening one dashboard ask the same question at once: it is counted
 * once, not once each.
 */
export function sharedWhileRunning<T>(): (key: string, run: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, run) => {
    const known = running.get(key);
    if (known) return known;
    const started = run().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}
