import { describe, expect, it } from 'vitest';
import { BOM, csvField, csvLine, formulaSafe } from '../../../src/domain/staff/csv.ts';
import { cells, COLUMN_SETS, EXPORT_FIELDS, headers, type ExportRow } from '../../../src/domain/staff/export-columns.ts';
import { SERVICE_IDS } from '../../../src/domain/applications/contract.ts';
import { STATUSES } from '../../../src/lib/staff/queue.ts';
import { exportText } from '../../../src/i18n/text/export.ts';
import { uiText } from '../../../src/i18n/text/index.ts';

/** The CSV rules and the column sets' declaration. */
describe('CSV fields', () => {
  it.each(['=1+1', '+86 138', '-2', '@SUM(A1)', '\tx', '\rx'])('%j starts like a formula and gets an apostrophe', (value) => {
    expect(formulaSafe(value)).toBe(`'${value}`);
  });
  it('leaves other text as it is', () => {
    for (const value of ['王*华', '110105********002X', '2026-01-02', 'a=b', '']) expect(formulaSafe(value)).toBe(value);
  });
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('一\n二')).toBe('"一\n二"');
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvLine(['a', 'b'])).toBe('a,b\r\n');
    expect(BOM).toBe('\uFEFF');
  });
});

describe('column sets', () => {
  it('have unique ids, a label and hint in the UI text, and known services and statuses', () => {
    expect(new Set(COLUMN_SETS.map((s) => s.id)).size).toBe(COLUMN_SETS.length);
    for (const set of COLUMN_SETS) {
      expect(set.id).toMatch(/^[a-z][a-z0-9-]{1,39}$/);
      expect(exportText[set.label]).toBeTruthy();
      expect(exportText[set.hint]).toBeTruthy();
      for (const s of set.services ?? []) expect(SERVICE_IDS).toContain(s);
      for (const s of set.statuses ?? []) expect(STATUSES).toContain(s);
    }
    expect(COLUMN_SETS.map((s) => s.id)).toEqual(['queue', 'certificate-issue', 'assistive-devices', 'transit-card']);
  });

  it('declare known fields, each once, headed in Chinese, and number their rows (序号)', () => {
    for (const set of COLUMN_SETS) {
      expect(new Set(set.columns).size, set.id).toBe(set.columns.length);
      for (const c of set.columns) expect(EXPORT_FIELDS[c], `${set.id}.${c}`).toBeDefined();
      const names = headers(set, (k) => uiText[k]);
      expect(new Set(names).size).toBe(names.length);
      for (const h of names) expect(h).toMatch(/^[\u4e00-\u9fff（）]+$/);
      expect(set.columns[0]).toBe('seq');
    }
  });

  it('the certificate issue list carries what the national certificate system is updated with', () => {
    const set = COLUMN_SETS.find((s) => s.id === 'certificate-issue')!;
    expect(headers(set, (k) => uiText[k])).toEqual([
      '序号', '姓名', '性别', '出生日期', '身份证号', '残疾人证号', '残疾类别', '残疾等级', '业务类型', '乡镇（街道）',
      '户籍地址或居住地址', '联系电话', '代办人', '代办人关系', '制证（制卡）日期', '办结日期', '申请编号',
    ]);
    expect(set.services).toEqual(['certificate']);
    expect(set.statuses).toEqual(['production', 'completed']);
  });

  it('turn ids into the federation\'s words and timestamps into days in China', () => {
    const row: ExportRow = {
      id: 'x', reference: 'ABCD2345', service: 'certificate', action: 'new', status: 'production', township: 'chengguan', channel: 'counter',
      submitted_at: '2026-03-01T17:30:00Z', updated_at: '2026-03-02T01:00:00Z', closed_at: null, name: '王*华', id_number: '110105********002X',
      sex: null, birth_date: null, certificate_number: null, category: '4', grade: '2', phone: '138****0000', address: null, agent_name: null,
      agent_relationship: null, devices: ['manual-wheelchair', 'gone'], economic_status: 'dibao', pickup_point: null, delivery_method: 'pickup', production_at: null,
    };
    const labels = { text: (k: string) => (uiText as Record<string, string>)[k], township: (id: string) => (id === 'chengguan' ? '城关镇' : undefined), device: (id: string) => (id === 'manual-wheelchair' ? '普通轮椅' : undefined), pickupPoint: () => undefined };
    const pick = (id: keyof typeof EXPORT_FIELDS) => EXPORT_FIELDS[id].cell(row, labels, 4);
    expect(pick('seq')).toEqual({ kind: 'text', text: '5' });
    expect(pick('submitted')).toEqual({ kind: 'date', iso: '2026-03-02' }); // 01:30 on 2 March in China
    expect(pick('township')).toEqual({ kind: 'text', text: '城关镇' });
    expect(pick('category')).toEqual({ kind: 'text', text: '肢体残疾' });
    expect(pick('grade')).toEqual({ kind: 'text', text: '二级' });
    expect(pick('channel')).toEqual({ kind: 'text', text: '窗口代录' });
    expect(pick('devices')).toEqual({ kind: 'text', text: '普通轮椅、gone' });
    expect(pick('economicStatus')).toEqual({ kind: 'text', text: '低保家庭' });
    expect(pick('sex')).toEqual({ kind: 'empty' });
    expect(pick('closed')).toEqual({ kind: 'empty' });
    expect(cells(COLUMN_SETS[0]!, row, labels, 0)).toHaveLength(COLUMN_SETS[0]!.columns.length);
  });
});
