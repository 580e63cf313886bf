import { describe, expect, it } from 'vitest';
import { maskNoticeName } from '../../../src/domain/notices.ts';
import { NOTICE_NAME_CASES } from '../../support/notice-names.ts';


describe('a name on a public notice', () => {
  it.each(NOTICE_NAME_CASES)('%s → %s', (name, masked) => {
    expect(maskNoticeName(name)).toBe(masked);
  });

  it('never shows more than the first and last character of a three-character name, whatever the script', () => {
    expect(maskNoticeName('王小華')).toBe('王*華');
  });
});
