/** Characters a file name must not carry into a header or a saved file: controls, bidi overrides, path and quote marks. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}/\\:*?"<>|]/gu;

/**
 * A file name as it is kept and offered again: no path, no control or
 * direction-changing characters (a name like "gnp.exe\u202Efdp" shows as
 * "fdp.exe..."), NFC, at most 120 characters; "bilaga" when nothing is left.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(UNSAFE, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return [...clean].slice(0, 120).join('') || 'bilaga';
}

/**
 * Content-Disposition for a download: always an attachment (never shown
 * inline by the browser), named by its stem and the extension of the kind its
 * bytes showed (so a renamed file is saved as what it is), in ASCII with the
 * UTF-8 name beside it (RFC 6266, RFC 8187).
 */
export function contentDisposition(name: string, extension: string): string {
  const safe = safeFileName(name);
  const stem = safe.replace(/\.[^.]{1,10}$/, '') || 'bilaga';
  const full = `${stem}.${extension}`;
  const ascii = full
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._ -]/g, '_');
  const encoded = encodeURIComponent(full).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
