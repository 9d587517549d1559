/** How dates, instants and amounts are written for Swedish readers, on screens and in reports. */

const kronor = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 12345 → "12 345,00 kr" (with no-break spaces, so an amount never wraps). */
export function formatKronor(amount: number): string {
  return `${kronor.format(amount).replace(/\u2212/g, '-')}\u00a0kr`;
}

/** Dates are already ÅÅÅÅ-MM-DD in the API; null shows as a dash. */
export function formatDate(date: string | null | undefined): string {
  return date ?? '–';
}

const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant as ÅÅÅÅ-MM-DD TT:MM, Swedish time. */
export function formatInstant(iso: string): string {
  return stockholm.format(new Date(iso));
}
