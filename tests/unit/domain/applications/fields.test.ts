import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { address, certificateNumber, idNumber, personName, phoneNumber } from '../../../../src/domain/applications/fields.ts';

const TODAY = '2026-11-22';
const messages = (schema: v.GenericSchema, input: unknown) => {
  const r = v.safeParse(schema, input);
  return r.success ? [] : r.issues.map((i) => i.message);
};

describe('ID number field', () => {
  it('normalises lowercase x, full-width digits and spaces', () => {
    expect(v.parse(idNumber(TODAY), ' １１０１０５ 1949 1231 002x')).toBe('11010519491231002X');
  });
  it.each([
    ['', '请输入身份证号'],
    ['11010519491231002', '身份证号应该是 18 位，请检查是否多写或少写'],
    ['110105194902300023', '身份证号里的出生日期不对，请检查第 7 到 14 位'],
    ['110105194912310021', '身份证号校验不通过，请逐位核对'],
  ])('%j → %s', (input, message) => {
    expect(messages(idNumber(TODAY), input)).toEqual([message]);
  });
  it('rejects what is not text', () => {
    expect(messages(idNumber(TODAY), 110105)).toEqual(['请输入身份证号']);
  });
});

describe('certificate number field', () => {
  it('accepts domain.md’s example', () => {
    expect(v.parse(certificateNumber(TODAY), '11010519491231002x42')).toBe('11010519491231002X42');
  });
  it('names the position of a wrong category or grade', () => {
    expect(messages(certificateNumber(TODAY), '11010519491231002X92')).toEqual(['残疾人证号第 19 位是残疾类别，应该是 1 到 7']);
    expect(messages(certificateNumber(TODAY), '11010519491231002X45')).toEqual(['残疾人证号第 20 位是残疾等级，应该是 1 到 4']);
  });
});

describe('name field', () => {
  it.each(['王芳', '𠮷田', '阿依古丽·买买提', '欧阳娜娜'])('accepts %s', (name) => {
    expect(messages(personName, name)).toEqual([]);
  });
  it('normalises other middle dots and spaces', () => {
    expect(v.parse(personName, ' 阿依古丽•买买提 ')).toBe('阿依古丽·买买提');
  });
  it.each([
    ['王', '姓名至少 2 个字'],
    ['Wang Fang', '姓名只能用汉字；少数民族姓名中间的点请用“·”'],
    ['·王芳', '姓名只能用汉字；少数民族姓名中间的点请用“·”'],
    ['王芳·', '姓名只能用汉字；少数民族姓名中间的点请用“·”'],
    ['<b>王</b>', '姓名只能用汉字；少数民族姓名中间的点请用“·”'],
  ])('%j → %s', (name, message) => {
    expect(messages(personName, name)).toEqual([message]);
  });
  it('counts characters, not UTF-16 units', () => {
    expect(messages(personName, '𠮷'.repeat(30))).toEqual([]);
    expect(messages(personName, '𠮷'.repeat(31))).toEqual(['姓名不能超过 30 个字']);
  });
});

describe('phone field', () => {
  it.each(['13812345678', '138 1234 5678', '１３８１２３４５６７８', '0551-12345678', '(010)12345678', '0755-1234567'])('accepts %j', (p) => {
    expect(messages(phoneNumber, p)).toEqual([]);
  });
  it.each(['12345678901', '1381234567', '12345678', '551-12345678', 'abc'])('rejects %j', (p) => {
    expect(messages(phoneNumber, p)).toEqual(['请输入 11 位手机号，或带区号的座机号码，例如 0551-12345678']);
  });
});

describe('address field', () => {
  it('keeps ordinary addresses, trimmed', () => {
    expect(v.parse(address, ' 示例县城关镇人民路 88 号 ')).toBe('示例县城关镇人民路 88 号');
  });
  it.each([
    ['', '请输入地址'],
    ['人民路', '地址太短，请写到村（社区）和门牌号'],
    ['人民路\u000b88号院', '地址里有看不见的控制字符，请删除后重新输入'],
  ])('%j → %s', (input, message) => {
    expect(messages(address, input)).toEqual([message]);
  });
});

describe('one message per field', () => {
  it('an empty name or phone gets only "please enter"', () => {
    expect(messages(personName, '  ')).toEqual(['请输入姓名']);
    expect(messages(phoneNumber, '')).toEqual(['请输入电话号码']);
  });
});
