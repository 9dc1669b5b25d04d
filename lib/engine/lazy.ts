/**
 * `make()`'s value, made on the first call. For validation schemas: zod builds each one eagerly, and
 * a new tab's coach, which validates nothing but settings, paid for every schema at load.
 */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
