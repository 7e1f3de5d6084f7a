/**
 * Reading a map that came from outside (issue fields, config records, `names`) by a key that
 * also came from outside. `obj[key]` would read inherited members: a field id `toString` or
 * `constructor` would find a function, not a value. These read own properties only.
 */
const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

/** `record[key]` when the record itself holds the key, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return hasOwn(record, key) ? record[key] : undefined;
}

/** Whether the record itself (not its prototype) holds the key. */
export function hasOwnKey(record: object, key: string): boolean {
  return hasOwn(record, key);
}
