/** A stream entry's flat field-value list (as XRANGE, XREADGROUP and XAUTOCLAIM return it) as a record; a trailing odd field is dropped. */
export function streamEntryFields(flat: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) fields[flat[index] as string] = flat[index + 1] as string;
  return fields;
}
