/** A strict RFC 4180 reader for checking CSV output: throws on anything malformed. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let atStart = true;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && !/[,\r\n]/.test(text[i])) throw new Error(`CSV: text after a closing quote at ${i}`);
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (!atStart) throw new Error(`CSV: quote inside an unquoted field at ${i}`);
      quoted = true; atStart = false; i++;
      continue;
    }
    if (c === ',') { row.push(field); field = ''; atStart = true; i++; continue; }
    if (c === '\r' || c === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; atStart = true;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c; atStart = false; i++;
  }
  if (quoted) throw new Error('CSV: unterminated quoted field');
  if (field || row.length) { row.push(field); rows.push(row); }
  const width = rows[0]?.length;
  rows.forEach((r, k) => { if (r.length !== width) throw new Error(`CSV: row ${k + 1} has ${r.length} fields, the header ${width}`); });
  return rows;
}

/** Rows as objects keyed by the header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
}
