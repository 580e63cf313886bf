/** Names and how a public notice shows them: one-, two-, three-, four- and more-character names,
 * minority names with a middle dot, characters outside the BMP. Used by the TypeScript and SQL tests. */
export const NOTICE_NAME_CASES: [string, string][] = [
  ['华', '*'],
  ['王华', '王*'],
  ['王小华', '王*华'],
  ['欧阳明月', '欧阳**'],
  ['司马相如', '司马**'],
  ['爱新觉罗启星', '爱新****'],
  ['阿依古丽·买买提', '阿***·**提'],
  ['阿依古丽•买买提', '阿***·**提'],
  ['阿 · 买提', '阿·*提'],
  ['扎西·次仁·多吉', '扎*·**·*吉'],
  ['王𠈌华', '王*华'],
  ['𠈌华', '𠈌*'],
  ['𪚥', '*'],
  ['  王小华 ', '王*华'],
  ['', ''],
];
