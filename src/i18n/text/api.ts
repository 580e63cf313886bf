/**
 * The JSON intake API's messages (functions/lib/api*.ts and the whole-application check): said
 * to the developers of other channels and, through their apps, to residents. Simplified Chinese.
 * {maxKb}, {wait}, {limit}, {window} are filled from the API's limits and the database's policy.
 */
export const apiText = {
  'api.api_key_missing': '缺少接口密钥：请在请求头 Authorization 中写上 Bearer 和残联发给本渠道的密钥（Authorization: Bearer clk_…）。还没有密钥的，请向残联申请',
  'api.api_key_invalid': '接口密钥不对：请检查请求头 Authorization 中的密钥是否完整、有没有多余的字符。还没有密钥的，请向残联申请',
  'api.api_key_revoked': '这个接口密钥已经被残联停用，不能再使用。请联系残联为本渠道换一个新密钥',
  'api.rate_limited': '从这个网络 {window} 分钟内提交的申请太多了（最多 {limit} 份），这份申请没有提交。请 {wait}后用同一个 Idempotency-Key 重新发送（响应头 Retry-After 是要等的秒数），不会重复提交',
  'api.not_found': '没有这个接口。提交申请用 POST /api/v1/applications，查询进度用 GET /api/v1/applications/{查询编号}',
  'api.method_not_allowed': '这个地址不支持这种请求方法，请看响应头 Allow',
  'api.unsupported_media_type': '请求的 Content-Type 必须是 application/json（UTF-8 编码）',
  'api.payload_too_large': '请求内容太大：不能超过 {maxKb} KB',
  'api.invalid_encoding': '请求内容必须是 UTF-8 编码的文字',
  'api.invalid_json': '请求内容不是有效的 JSON，请检查括号、引号和逗号',
  'api.invalid_body': '无法读取请求内容，请重新发送',
  'api.invalid_idempotency_key': '请求头 Idempotency-Key 必须有，而且是 16 到 128 个字符，只能用英文字母、数字、下划线和短横线；同一份申请重试时用同一个值',
  'api.validation_failed': '申请内容有误，请按 errors 逐项修改',
  'api.token_reused': '这个 Idempotency-Key 已经用于另一份不同的申请。重试时请发送和第一次完全相同的内容；提交新申请请换一个新的 Idempotency-Key',
  'api.already_submitted': '这份申请已经提交过了，不能再次提交',
  'api.unavailable': '服务暂时不可用，申请没有提交成功。请稍后用同一个 Idempotency-Key 重新发送，不会重复提交',
  'api.lookup_unavailable': '服务暂时不可用，请稍后再查询',
  'api.invalid_reference': '查询编号不对：应该是 8 位，由数字 2–9 和英文字母组成（没有 0、O、1、I）',
  'api.invalid_lookup_fact': '请在请求头 X-Id-Number-Last4 中提供申请人身份证号码的最后 4 位（前三位是数字，最后一位是数字或 X）',
  'api.lookup_failed': '没有查到：查询编号或身份证号码最后 4 位不对。请核对后再试；一直查不到请联系残联',
  'api.lookup_throttled': '查询失败的次数太多，请 {wait}后再试，或联系残联',
  'api.reference_throttled': '这个查询编号今天查询失败的次数太多。为了保护申请人的信息，这里暂停查询，请 {wait}后再试；在提交申请或以前查到过进度的网络上仍然可以查，也可以联系残联',
  'api.rejected': '申请没有被接受，请检查内容后重试；仍然不行请联系残联',
  'api.lookupHint': '用查询编号 {reference} 和申请人身份证号码的最后 4 位查询办理进度：GET /api/v1/applications/{reference}，把最后 4 位放在请求头 X-Id-Number-Last4 中；也可以在网站的“查询办理进度”页面（/status/）查询',
  'api.wait.minutes': '{n} 分钟',
  'api.wait.hours': '{n} 小时',
  'api.field.missing': '缺少这一项',
  'api.field.idNumber': '身份证号码不对，请检查',
  'api.field.certificateNumber': '残疾人证号不对，或者和身份证号码不一致，请检查',
  'api.field.service': '没有这项服务',
  'api.field.action': '这项服务没有这种业务类型',
  'api.field.answers': '答案的格式或内容不对，请检查每一页的答案',
  'api.field.unstorable': '这里有无法识别的字符（可能是复制粘贴带来的），请删除后重新输入',
  'api.whole.notObject': '请求内容应该是一个 JSON 对象',
  'api.whole.unknownKey': '没有这个字段，请删除',
  'api.whole.service': 'service 应该是 certificate、assistive-devices 或 transit-card 之一',
  'api.whole.answers': 'answers 应该是一个对象，按页面名称分组填写答案',
  'api.whole.unknownPage': '这项服务没有这一页，请删除',
  'api.whole.pageNotObject': '每一页的答案应该是一个对象',
  'api.whole.unknownField': '这一页没有这个字段（或按其他答案不需要填），请删除',
  'api.whole.noAction': '这项服务不分业务类型，请删除 action',
  'api.whole.notApplicable': '按其他答案，这一页不需要填写，请删除',
  'api.whole.missingPage': '缺少这一页的答案',
  'api.whole.askValues': '{question}：填 {values}',
} as const;

export type ApiKey = keyof typeof apiText;

/** An API message with its placeholders filled. */
export function apiSays(key: ApiKey, values: Record<string, string | number> = {}): string {
  return apiText[key].replace(/\{(\w+)\}/g, (_m, name: string) => (name in values ? String(values[name]) : `{${name}}`));
}
