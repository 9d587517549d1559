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

const count = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

/** 1234 → "1 234" (no-break space). */
export function formatCount(n: number): string {
  return count.format(n);
}

/** Where a page lies in its list: "Visar 1–50 av 1 234"; a page past the end shows none of them. */
export function formatPageRange(page: number, pageSize: number, total: number, shown: number): string {
  if (shown === 0) return `Visar 0 av ${formatCount(total)}`;
  const from = (page - 1) * pageSize + 1;
  return `Visar ${formatCount(from)}–${formatCount(from + shown - 1)} av ${formatCount(total)}`;
}

/** A personnummer as the service keeps it (ÅÅÅÅMMDDNNNN) as people write it: ÅÅÅÅMMDD-NNNN. */
export function formatPersonalIdentityNumber(pin: string): string {
  return /^\d{12}$/.test(pin) ? `${pin.slice(0, 8)}-${pin.slice(8)}` : pin;
}
