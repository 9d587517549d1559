import PizZip from 'pizzip';
import type { Letterhead } from './document-pdf';

/**
 * How the PDF reflects the municipality's template without a word processor
 * (none runs in CI or in the service): the PDF is drawn from the same content
 * model as the DOCX, and takes from the filled-in template what makes the
 * letter the municipality's own: the header's paragraphs (the letterhead:
 * the nämnd, the administration, an address) and its first image (the logo),
 * and the footer's paragraphs (contact lines, bankgiro). Everything the
 * template's body says beyond the placeholders is the DOCX's alone; README
 * ("Documents") says why.
 */

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return XML_ENTITIES[name] ?? whole;
  });

/** The text of each paragraph of a WordprocessingML part: runs joined, tabs as spaces, breaks as new lines. */
export function paragraphsOf(xml: string): string[] {
  const paragraphs = xml.match(/<w:p[\s>][\s\S]*?<\/w:p>/g) ?? [];
  return paragraphs
    .flatMap((para) => {
      const text = (para.match(/<w:t(?:\s[^>]*)?>[\s\S]*?<\/w:t>|<w:tab\/>|<w:br\/>/g) ?? [])
        .map((piece) =>
          piece === '<w:tab/>' ? ' ' : piece === '<w:br/>' ? '\n' : decode(piece.replace(/<[^>]+>/g, '')),
        )
        .join('');
      return text.split('\n');
    })
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

/** The targets of a part's relationships of a kind (e.g. header, image), by id. */
function relationships(zip: PizZip, relsPath: string, kind: string): Map<string, string> {
  const xml = zip.file(relsPath)?.asText() ?? '';
  const out = new Map<string, string>();
  for (const rel of xml.match(/<Relationship\s[^>]*>/g) ?? []) {
    const type = /Type="([^"]+)"/.exec(rel)?.[1] ?? '';
    const id = /Id="([^"]+)"/.exec(rel)?.[1];
    const target = /Target="([^"]+)"/.exec(rel)?.[1];
    if (id && target && type.endsWith(`/${kind}`)) out.set(id, target);
  }
  return out;
}

const isPng = (b: Uint8Array): boolean => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array): boolean => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** The part a section's header (or footer) of the default kind names, else the first of its kind. */
function partOf(zip: PizZip, kind: 'header' | 'footer'): string | null {
  const document = zip.file('word/document.xml')?.asText() ?? '';
  const rels = relationships(zip, 'word/_rels/document.xml.rels', kind);
  const reference = new RegExp(`<w:${kind}Reference\\s[^>]*>`, 'g');
  const refs = document.match(reference) ?? [];
  const chosen = refs.find((r) => /w:type="default"/.test(r)) ?? refs.find((r) => /w:type="first"/.test(r)) ?? refs[0];
  const id = chosen ? /r:id="([^"]+)"/.exec(chosen)?.[1] : undefined;
  const target = (id && rels.get(id)) ?? [...rels.values()][0];
  return target ? `word/${target.replace(/^\/?word\//, '')}` : null;
}

/** The letterhead, logo and contact lines of a filled-in DOCX, for its PDF. */
export function letterheadOf(docx: Buffer): Letterhead {
  const zip = new PizZip(docx);
  const header = partOf(zip, 'header');
  const footer = partOf(zip, 'footer');
  let logo: Uint8Array | null = null;
  if (header) {
    const name = header.slice('word/'.length);
    for (const target of relationships(zip, `word/_rels/${name}.rels`, 'image').values()) {
      const bytes = zip.file(`word/${target.replace(/^\/?word\//, '')}`)?.asUint8Array();
      if (bytes && (isPng(bytes) || isJpeg(bytes))) {
        logo = bytes;
        break;
      }
    }
  }
  return {
    lines: header ? paragraphsOf(zip.file(header)?.asText() ?? '') : [],
    logo,
    footer: footer ? paragraphsOf(zip.file(footer)?.asText() ?? '') : [],
  };
}
