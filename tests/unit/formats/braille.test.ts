import { describe, expect, it } from 'vitest';
import { dotsToUnicode, syllableCells, unicodeToBrailleAscii } from '../../../src/domain/formats/braille-cells.ts';
import { toChineseBraille } from '../../../src/domain/formats/chinese-braille.ts';
import { CELLS_PER_LINE, LINES_PER_PAGE, paginate, toBrf } from '../../../src/domain/formats/brf.ts';
import { markdownBlocks } from '../../../src/domain/formats/markdown-text.ts';

/** Cells of one syllable, as Unicode braille. */
const cells = (numbered: string) => dotsToUnicode(syllableCells(numbered) ?? []);

describe('国家通用盲文 (GF 0019-2018): one syllable', () => {
  it('writes initial, final and tone: 果 guǒ ⠛⠕⠄, 家 jiā ⠛⠫⠁ (g and j share a cell)', () => {
    expect(cells('guo3')).toBe('⠛⠕⠄');
    expect(cells('jia1')).toBe('⠛⠫⠁');
  });

  it("leaves out each initial group's omitted tone and nothing else", () => {
    // b, d, l, g, k, j, x, zh, sh, z, s omit 去声; p, m, t, n, h, q, ch, r, c omit 阳平; f omits 阴平.
    expect(cells('bu4')).toBe('⠃⠥');
    expect(cells('bu3')).toBe('⠃⠥⠄');
    expect(cells('ping2')).toBe('⠏⠡');
    expect(cells('ping1')).toBe('⠏⠡⠁');
    expect(cells('fa1')).toBe('⠋⠔');
    expect(cells('fa3')).toBe('⠋⠔⠄');
    expect(cells('hua2')).toBe('⠓⠿');
    expect(cells('xiang3')).toBe('⠓⠭⠄');
    expect(cells('lang4')).toBe('⠇⠦');
  });

  it('spells zhi chi shi ri zi ci si with the initial alone', () => {
    expect(cells('shi4')).toBe('⠱');
    expect(cells('shi2')).toBe('⠱⠂');
    expect(cells('zhi1')).toBe('⠌⠁');
  });

  it('writes ü after j, q, x and y, and folds y and w into the final', () => {
    expect(cells('ju2')).toBe('⠛⠬⠂');
    expect(cells('xue2')).toBe('⠓⠾⠂');
    expect(cells('yu3')).toBe('⠬⠄');
    expect(cells('yuan4')).toBe('⠯');
    expect(cells('wei4')).toBe('⠺');
    expect(cells('lü4')).toBe(cells('lv4'));
  });

  it('keeps the special syllables: 一 yī, 我 wǒ, 有 yǒu, 也 yě, 而 ér bare; 子 了 头 light, so zì lè tóu marked', () => {
    expect(cells('yi1')).toBe('⠊');
    expect(cells('yi4')).toBe('⠊⠆');
    expect(cells('wo3')).toBe('⠕');
    expect(cells('you3')).toBe('⠳');
    expect(cells('you4')).toBe('⠳⠆');
    expect(cells('er2')).toBe('⠗');
    expect(cells('er4')).toBe('⠗⠆');
    expect(cells('zi0')).toBe('⠵');
    expect(cells('zi4')).toBe('⠵⠆');
    expect(cells('le0')).toBe('⠇⠢');
    expect(cells('tou2')).toBe('⠞⠷⠂');
  });

  it('never marks a light tone', () => {
    expect(cells('men0')).toBe('⠍⠴');
  });

  it('refuses what is not a syllable', () => {
    expect(syllableCells('xyz')).toBeNull();
    expect(syllableCells('')).toBeNull();
  });
});

describe('Chinese text → braille', () => {
  it('uses the six 简写字 only for their own readings', () => {
    expect(toChineseBraille('你好')).toBe('⠝⠓⠖⠄');
    expect(toChineseBraille('他们')).toBe('⠞⠍⠴');
    expect(toChineseBraille('她们')).toBe('⠞⠁⠍⠴');
    expect(toChineseBraille('它们')).toBe('⠈⠞⠍⠴');
    expect(toChineseBraille('真的')).toBe('⠌⠴⠁⠙');
    // 目的 dì is not the particle de: spelled in full.
    expect(toChineseBraille('目的')).toBe('⠍⠥⠆⠙⠊');
  });

  it('separates words with a blank cell and joins particles to the word before', () => {
    expect(toChineseBraille('我们的国土')).toBe('⠕⠍⠴⠙ ⠛⠕⠂⠞⠥⠄');
  });

  it('writes numbers with the number sign and keeps a blank before the next syllable', () => {
    expect(toChineseBraille('2016年')).toBe('⠼⠃⠚⠁⠋ ⠝⠩');
  });

  it('writes Chinese punctuation with a blank after it', () => {
    expect(toChineseBraille('补贴，按月发。')).toBe('⠃⠥⠄⠞⠑⠁⠐ ⠧ ⠾ ⠋⠔⠐⠆');
  });

  it('the polyphonic characters of the guides come out in context', () => {
    expect(toChineseBraille('银行')).toBe('⠣⠂⠓⠦');
    // 行 xíng: x omits 去声, so 阳平 is written; 行 háng: h omits 阳平.
    expect(toChineseBraille('行动')).toBe('⠓⠡⠂⠙⠲');
    expect(toChineseBraille('重度')).toBe('⠌⠲⠙⠥');
    expect(toChineseBraille('重新')).toBe('⠟⠲⠓⠣⠁');
  });
});

describe('the .brf file', () => {
  const long = Array.from({ length: 60 }, (_, i) => ({ kind: 'paragraph' as const, text: `第${i + 1}段：残疾人可以到乡镇便民服务中心申请生活补贴和护理补贴，工作人员会上门核实。` }));

  it('is Braille ASCII: one character per cell, the standard North American table', () => {
    expect(unicodeToBrailleAscii('⠁⠃⠉ ⠿⠼')).toBe('ABC =#');
    expect(toBrf([{ kind: 'paragraph', text: '你好' }])).toMatch(/^ {2}NH6'\r\n/);
  });

  it('has lines of at most 40 cells and pages of exactly 25 lines', () => {
    const pages = paginate([{ kind: 'heading', text: '困难残疾人生活补贴' }, ...long]);
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) {
      expect(page).toHaveLength(LINES_PER_PAGE);
      for (const line of page) expect([...line].length).toBeLessThanOrEqual(CELLS_PER_LINE);
    }
  });

  it('numbers every page at the right of its last line', () => {
    const pages = paginate(long);
    pages.forEach((page, i) => {
      expect(page.at(-1)!.trimStart()).toBe(toChineseBraille(String(i + 1)));
      expect([...page.at(-1)!].length).toBe(CELLS_PER_LINE);
    });
  });

  it('ends lines with CR LF and pages with a form feed', () => {
    const brf = toBrf(long);
    expect(brf.split('\f').length - 1).toBe(paginate(long).length);
    expect(brf.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(/^[\x20-\x5f\r\n\f]*$/.test(brf)).toBe(true);
  });

  it('never leaves a heading alone at the bottom of a page', () => {
    const blocks = [...long.slice(0, 7), { kind: 'heading' as const, text: '怎样申请' }, ...long.slice(7, 12)];
    for (const page of paginate(blocks)) {
      const text = page.slice(0, -1).map((l) => l.trim()).filter(Boolean);
      expect(text.at(-1)).not.toBe(toChineseBraille('怎样申请'));
    }
  });
});

describe('markdown bodies as text blocks', () => {
  it('keeps headings, paragraphs, list items and link text, drops the syntax', () => {
    expect(markdownBlocks('## 线上竞赛\n\n大家在[网上](https://x.cn)答题，\n学习**预防**。\n\n- 第一项\n1. 第二项\n')).toEqual([
      { kind: 'heading', text: '线上竞赛' },
      { kind: 'paragraph', text: '大家在网上答题，学习预防。' },
      { kind: 'item', text: '第一项' },
      { kind: 'item', text: '第二项' },
    ]);
  });
});
