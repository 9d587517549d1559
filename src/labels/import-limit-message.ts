/**
 * Self-contained (no imports): the web gets this file as part of its generated
 * module (web/src/api/sv.ts), the command-line import uses it as it is.
 */

/** The import limit a file passed, as a screen or the command line says it (the API's detail is English). */
export interface ImportLimitRefusal {
  name: 'rows' | 'columns' | 'cells' | 'unpackedBytes' | 'parseSeconds' | 'memory';
  max: number;
  found?: string;
}

const number = (n: number): string => n.toLocaleString('sv-SE').replace(/\s/g, '\u00a0');

export function importLimitMessage(limit: ImportLimitRefusal): string {
  const split = 'Dela upp registret i flera filer och importera dem var för sig.';
  switch (limit.name) {
    case 'rows':
      return `Filen har fler än ${number(limit.max)} rader under rubrikraden. ${split}`;
    case 'columns':
      return `Filen har ett värde i kolumn ${limit.found ?? '?'}, men en import läser högst ${number(limit.max)} kolumner. Ta bort värdena längst till höger.`;
    case 'cells':
      return `Filen har fler än ${number(limit.max)} ifyllda celler. ${split}`;
    case 'unpackedBytes':
      return `Filen blir större än ${number(Math.round(limit.max / (1024 * 1024)))} MB uppackad. ${split}`;
    case 'parseSeconds':
      return `Filen tog längre tid än ${number(limit.max)} sekunder att läsa. ${split}`;
    case 'memory':
      return `Filen kräver mer än ${number(limit.max)} MB minne att läsa. ${split}`;
  }
}
