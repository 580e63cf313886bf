import { describe, expect, it } from 'vitest';
import { isContentPagePath, isFeedbackId, isRating, isReason } from '../../../src/domain/feedback/feedback.ts';

describe('feedback codes', () => {
  it('take only content pages: guides, their easy-read versions and news, without the script prefix', () => {
    for (const ok of ['/policies/disability-certificate/', '/policies/disability-certificate/easy-read/', '/news/2015-zhucanri-autism/']) expect(isContentPagePath(ok), ok).toBe(true);
    for (const bad of ['/zh-hant/news/x/', '/staff/queue/', '/policies/', '/policies/x', '/policies/x/?id=1', '/news/../staff/', '/policies/X/', 'https://example.com/news/x/']) {
      expect(isContentPagePath(bad), bad).toBe(false);
    }
  });
  it('know the five reasons, the five ratings and the shape of an id', () => {
    expect(isReason('hard_to_use')).toBe(true);
    expect(isReason('我的身份证号')).toBe(false);
    expect(isRating('very_dissatisfied')).toBe(true);
    expect(isRating('5')).toBe(false);
    expect(isFeedbackId('16b0dbb9-a4b3-470b-bc5b-10f4190f0250')).toBe(true);
    expect(isFeedbackId('16b0dbb9')).toBe(false);
  });
});
