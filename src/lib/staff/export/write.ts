import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { BOM, cellText, csvLine } from '../../../domain/staff/csv.ts';
import { cells, headers, type ColumnSet, type ExportKey, type ExportLabels, type ExportRow } from '../../../domain/staff/export-columns.ts';

/**
 * Writing an export as it is read: one page of rows from the database at a time (keyset through
 * RLS), each written to the response stream before the next is asked for, so memory holds a page
 * (500 rows), never the export. CSV is pulled by the reader (nothing is read from the database
 * until the client takes the bytes); XLSX is written by exceljs's streaming WorkbookWriter, which
 * writes each committed row into the zip, and the next page waits while the output is not taken.
 */
export type PageSource = (after: { at: string; id: string } | null) => Promise<ExportRow[]>;

export interface ExportWriting {
  set: ColumnSet;
  labels: ExportLabels;
  say: (key: ExportKey) => string;
  source: PageSource;
}

async function* rows(source: PageSource): AsyncGenerator<ExportRow[]> {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const page = await source(after);
    if (page.length === 0) return;
    yield page;
    const last = page[page.length - 1]!;
    after = { at: last.submitted_at, id: last.id };
  }
}

/** The export as CSV bytes: BOM, header, one chunk per page. */
export function csvStream({ set, labels, say, source }: ExportWriting): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = rows(source);
  let index = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + csvLine(headers(set, say))));
        return;
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      let chunk = '';
      for (const row of next.value) chunk += csvLine(cells(set, row, labels, index++).map(cellText));
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await pages.return(undefined);
    },
  }, { highWaterMark: 0 });
}

/** A day as Excel stores it: midnight UTC of that date, shown as yyyy-mm-dd. */
const excelDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The export as an XLSX workbook: one sheet, a bold frozen header row, dates as dates, codes as text. */
export function xlsxStream({ set, labels, say, source }: ExportWriting): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = '残联网上服务平台';
  const sheet = book.addWorksheet(say('staff.export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const names = headers(set, say);
  sheet.columns = names.map((header, i) => {
    const width = Math.min(Math.max([...header].length * 2 + 2, set.columns[i] === 'idNumber' || set.columns[i] === 'certificateNumber' ? 24 : 12), 40);
    return { width };
  });
  let closed = false;
  out.on('close', () => { closed = true; });
  const roomInOutput = async () => {
    while (!closed && out.readableLength >= out.readableHighWaterMark) await new Promise((r) => setTimeout(r, 5));
  };
  (async () => {
    const header = sheet.addRow(names);
    header.font = { bold: true };
    header.commit();
    let index = 0;
    for await (const page of rows(source)) {
      if (closed) return;
      for (const row of page) {
        const values = cells(set, row, labels, index++);
        const line = sheet.addRow(values.map((c) => (c.kind === 'text' ? c.text : c.kind === 'date' ? excelDate(c.iso) : null)));
        values.forEach((c, i) => {
          if (c.kind === 'date') line.getCell(i + 1).numFmt = 'yyyy-mm-dd';
        });
        line.commit();
      }
      await roomInOutput();
    }
    sheet.commit();
    await book.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
