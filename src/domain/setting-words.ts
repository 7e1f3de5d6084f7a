// Where a setting is, said in words for the admin who fixes it: "Holidays, item 2", not `holidays.1`.

/** "firstValue" → "first value"; "raidKinds" → "raid kinds". */
const words = (key: string): string =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();

/** A path of the settings (`gates.2.approvers.groups`) in words, list items counted from 1. */
export function settingPathInWords(path: string): string {
  if (path === '') return 'The settings as a whole';
  const parts = path.split('.').map((p) => (/^\d+$/.test(p) ? `item ${Number(p) + 1}` : words(p)));
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The same error once: a path and message reported twice (by two checks) is listed once. */
export function distinctErrors<E extends { path: string; message: string }>(errors: readonly E[]): E[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\n${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
