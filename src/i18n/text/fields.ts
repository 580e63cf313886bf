/**
 * What a typed answer must look like, said when it does not: the messages of the shared field
 * rules (src/domain/applications/fields.ts), used by the web forms and the JSON API alike.
 * Simplified Chinese only: Traditional is made from it (../traditional.ts). {label} is the
 * field's name, {min}/{max} its length limits.
 */
export const fieldsText = {
  'field.idNumber.empty': '请输入身份证号',
  'field.idNumber.length': '身份证号应该是 18 位，请检查是否多写或少写',
  'field.idNumber.characters': '身份证号前 17 位应该是数字，第 18 位是数字或 X',
  'field.idNumber.birthDate': '身份证号里的出生日期不对，请检查第 7 到 14 位',
  'field.idNumber.checksum': '身份证号校验不通过，请逐位核对',
  'field.certificateNumber.empty': '请输入残疾人证号',
  'field.certificateNumber.length': '残疾人证号应该是 20 位：18 位身份证号，加 1 位残疾类别和 1 位残疾等级',
  'field.certificateNumber.characters': '身份证号前 17 位应该是数字，第 18 位是数字或 X',
  'field.certificateNumber.birthDate': '身份证号里的出生日期不对，请检查第 7 到 14 位',
  'field.certificateNumber.checksum': '残疾人证号前 18 位的身份证号校验不通过，请逐位核对',
  'field.certificateNumber.category': '残疾人证号第 19 位是残疾类别，应该是 1 到 7',
  'field.certificateNumber.grade': '残疾人证号第 20 位是残疾等级，应该是 1 到 4',
  'field.name.empty': '请输入姓名',
  'field.name.short': '姓名至少 2 个字',
  'field.name.long': '姓名不能超过 30 个字',
  'field.name.characters': '姓名只能用汉字；少数民族姓名中间的点请用“·”',
  'field.phone.empty': '请输入电话号码',
  'field.phone.format': '请输入 11 位手机号，或带区号的座机号码，例如 0551-12345678',
  'field.address.empty': '请输入地址',
  'field.address.short': '地址太短，请写到村（社区）和门牌号',
  'field.address.long': '地址不能超过 120 个字',
  'field.text.notText': '{label}必须是文字',
  'field.text.empty': '请填写{label}',
  'field.text.short': '{label}至少 {min} 个字',
  'field.text.long': '{label}不能超过 {max} 个字',
  'field.text.control': '{label}里有看不见的控制字符，请删除后重新输入',
  'field.text.surrogate': '{label}里有无法识别的字符（常见于复制粘贴），请删除后重新输入',
  'field.choice.unknown': '请从列出的选项中选择',
  'field.reference.empty': '请输入申请编号',
  'field.reference.format': '申请编号是 8 位，由数字 2–9 和大写字母组成（没有 0、1、O、I）',
  'field.resumeCode.empty': '请输入继续填写代码',
  'field.resumeCode.format': '继续填写代码是 8 位，由数字 2–9 和大写字母组成（没有 0、1、O、I）',
  'field.idFact.empty': '请输入申请人身份证号的后 4 位',
  'field.idFact.format': '身份证号后 4 位是 3 位数字加 1 位数字或 X',
} as const;

export type FieldsKey = keyof typeof fieldsText;
