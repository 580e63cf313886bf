/**
 * Accessible formats of a page: read aloud, braille file, large print, pinyin, sign language.
 * Simplified Chinese only: Traditional is made from it (../traditional.ts). Keys are
 * `area.purpose`; text read only by screen readers ends in `AccessibleLabel`.
 */
export const formatsText = {
  'formats.heading': '其他阅读方式',
  'formats.largePrint': '大字版（可直接打印）',
  'formats.braille': '盲文版（BRF，可用于点显器和盲文打印机）',
  'formats.brailleSize': '{size}，{pages} 页',
  'formats.signLanguage': '手语视频',
  'formats.pinyinHint': '需要在汉字上方显示拼音？请在“显示设置”中打开“显示拼音”。',
  'formats.settingsLink': '打开显示设置',
  'largePrint.title': '这是大字版',
  'largePrint.intro': '文字放大，单栏排版。用浏览器的“打印”（Ctrl 和 P 键）就能打印大字版。',
  'largePrint.back': '回到普通版',
  'readAloud.label': '朗读本页',
  'readAloud.play': '朗读',
  'readAloud.pause': '暂停',
  'readAloud.resume': '继续',
  'readAloud.stop': '停止',
  'readAloud.speed': '语速',
  'readAloud.slower': '慢',
  'readAloud.normal': '正常',
  'readAloud.faster': '快',
  'readAloud.fromHere': '从这里朗读',
  'readAloud.fromHereAccessibleLabel': '：{heading}',
  'video.captions': '中文字幕',
  'video.transcript': '视频文字稿',
} as const;
