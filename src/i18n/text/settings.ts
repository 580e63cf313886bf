/**
 * Display settings (the page and its island).
 * Simplified Chinese only: Traditional is made from it (../traditional.ts). Keys are
 * `area.purpose`; text read only by screen readers ends in `AccessibleLabel`.
 */
export const settingsText = {
  'settings.title': '显示设置',
  'settings.intro': '调整文字大小、对比度、行距、页面样式和拼音。设置保存在本机浏览器里，打开其他页面也有效。',
  'settings.noJs': '这些设置需要浏览器开启 JavaScript。不开启也可以：用浏览器的放大功能（Ctrl 和 + 键），或在系统设置里调大字号、开启高对比度，本站会跟着变化。',
  'settings.textSize': '文字大小',
  'settings.textSize0': '标准',
  'settings.textSize1': '大',
  'settings.textSize2': '较大',
  'settings.textSize3': '特大（两倍）',
  'settings.contrast': '对比度',
  'settings.contrastNormal': '标准',
  'settings.contrastHigh': '高对比度（黑底黄字）',
  'settings.spacing': '行距',
  'settings.spacingNormal': '标准',
  'settings.spacingWide': '加宽',
  'settings.mode': '页面样式',
  'settings.modeNormal': '标准',
  'settings.modeSimple': '简洁（单栏，无装饰）',
  'settings.pinyin': '显示拼音',
  'settings.pinyinOff': '不显示',
  'settings.pinyinOn': '显示（易读版页面的汉字上方标出拼音）',
  'settings.reset': '恢复默认设置',
  'settings.saved': '已保存。本站所有页面都会使用这些设置。',
  'settings.browserHelp': '您也可以使用浏览器和系统自带的功能：',
  'settings.browserZoom': '放大页面：按 Ctrl 和 +（苹果电脑按 Command 和 +）。',
  'settings.systemContrast': '高对比度：在系统的辅助功能设置中开启，本站会自动适应。',
  'settings.screenReader': '读屏软件：本站可用读屏软件完整操作。',
} as const;
