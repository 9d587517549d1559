/**
 * Self-contained (no imports): the web gets this file as part of its generated
 * module (web/src/api/sv.ts).
 */

/** The text a table holds for a code the server sent, or undefined for a code it does not know (a newer server's). */
export function textOf(table: Readonly<Record<string, string>>, code: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
}
