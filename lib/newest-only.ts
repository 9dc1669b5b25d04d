/**
 * Reloads that may overlap (settings changed twice quickly: pause, then resume) and finish out of
 * order: only the newest one's result is applied, so older settings never come back over newer ones.
 */
export function newestOnly<T>(load: () => Promise<T>, apply: (value: T) => void): () => Promise<void> {
  let started = 0;
  return async () => {
    const mine = ++started;
    const value = await load();
    if (mine === started) apply(value);
  };
}
