import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { csvStream, xlsxStream, type PageSource } from '../../../../src/lib/staff/export/write.ts';
import { columnSet, type ExportRow } from '../../../../src/domain/staff/export-columns.ts';
import { uiText } from '../../../../src/i18n/text/index.ts';

/**
 * The files as a spreadsheet or a parser reads them: the CSV through csv-parse (RFC 4180), the
 * XLSX read back with exceljs and its sheet XML from the zip. Rows come from a paged source, as
 * from the database; the writers must ask for one page at a time.
 */
const labels = { text: (k: string) => (uiText as Record<string, string>)[k], township: (id: string) => ({ chengguan: '城关镇' } as Record<string, string>)[id], device: () => undefined, pickupPoint: () => undefined };
const say = (k: keyof typeof uiText) => uiText[k];

function row(n: number, name = `王${n}华`): ExportRow {
  return {
    id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`, reference: `REF${n}`, service: 'certificate', action: 'new', status: 'received',
    township: 'chengguan', channel: 'online', submitted_at: new Date(Date.UTC(2026, 0, 1, 3) + n * 86_400_000).toISOString(),
    updated_at: '2026-02-01T00:00:00Z', closed_at: null, name, id_number: '11010519491231002X', sex: 'female', birth_date: '1949-12-31',
    certificate_number: null, category: '4', grade: null, phone: '13800000000', address: '示例县人民路 1 号, 2 单元', agent_name: null,
    agent_relationship: null, devices: null, economic_status: null, pickup_point: null, delivery_method: null, production_at: null,
  };
}

/** A source of `total` rows in pages of `size`, counting the pages asked for. */
function source(total: number, size: number, special: Record<number, string> = {}) {
  const all = Array.from({ length: total }, (_, i) => row(i + 1, special[i + 1]));
  const calls: (string | null)[] = [];
  const fn: PageSource = async (after) => {
    calls.push(after?.id ?? null);
    const start = after ? all.findIndex((r) => r.id === after.id) + 1 : 0;
    return all.slice(start, start + size);
  };
  return { fn, calls };
}

async function bytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const queue = columnSet('queue')!;
const issue = columnSet('certificate-issue')!;

describe('CSV', () => {
  it('is UTF-8 with a BOM and CRLF lines, with the headers and every row, formula-safe', async () => {
    const { fn, calls } = source(7, 3, { 2: '=HYPERLINK("http://x.invalid")', 3: '@cmd', 4: '-1+2', 5: '+86', 6: '\tTab' });
    const file = await bytes(csvStream({ set: issue, labels, say, source: fn }));
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.toString('utf8');
    expect(text.replace(/"[^"]*"/g, '').split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const records: string[][] = parse(text, { bom: true, relax_column_count: false });
    expect(records[0]).toEqual(issue.columns.map((c) => uiText[`staff.export.col.${c}` as keyof typeof uiText]));
    expect(records).toHaveLength(8);
    const col = (name: string) => records[0]!.indexOf(name);
    expect(records.slice(1).map((r) => r[col('序号')])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(records.slice(2, 7).map((r) => r[col('姓名')])).toEqual([`'=HYPERLINK("http://x.invalid")`, `'@cmd`, `'-1+2`, `'+86`, `'\tTab`]);
    expect(records[1]![col('户籍地址或居住地址')]).toBe('示例县人民路 1 号, 2 单元');
    expect(records[1]![col('出生日期')]).toBe('1949-12-31');
    expect(records[1]![col('性别')]).toBe('女');
    // Pages were asked for one after another, each after the last row of the one before.
    expect(calls).toEqual([null, row(3).id, row(6).id, row(7).id]);
  });

  it('reads nothing from the database before the client takes the first rows', async () => {
    const { fn, calls } = source(100, 10);
    const reader = csvStream({ set: queue, labels, say, source: fn }).getReader();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(0);
    await reader.read(); // the header
    await reader.read(); // the first page
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(1);
    await reader.cancel();
  });
});

describe('XLSX', () => {
  it('has a bold header row, every row, dates as dates, ID numbers and formula-like text as text', async () => {
    const { fn } = source(1200, 500, { 2: '=1+1' });
    const file = await bytes(xlsxStream({ set: issue, labels, say, source: fn }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('导出');
    expect(sheet.actualRowCount).toBe(1201);
    const header = sheet.getRow(1);
    expect((header.values as unknown[]).slice(1)).toEqual(issue.columns.map((c) => uiText[`staff.export.col.${c}` as keyof typeof uiText]));
    expect(header.font?.bold).toBe(true);
    const cell = (r: number, name: string) => sheet.getRow(r).getCell(issue.columns.indexOf(name as never) + 1);
    expect(cell(2, 'idNumber').type).toBe(ExcelJS.ValueType.String);
    expect(cell(2, 'idNumber').value).toBe('11010519491231002X');
    expect(cell(2, 'birthDate').value).toEqual(new Date('1949-12-31T00:00:00Z'));
    expect(cell(2, 'birthDate').numFmt).toBe('yyyy-mm-dd');
    expect(cell(3, 'name').type).toBe(ExcelJS.ValueType.String);
    expect(cell(3, 'name').value).toBe('=1+1');
    expect(cell(1201, 'seq').value).toBe('1200');
    // No formula anywhere in the sheet's XML: text is written as text.
    const zip = await JSZip.loadAsync(file);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).toContain('ySplit="1"');
  });
});
