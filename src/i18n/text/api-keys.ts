/**
 * Issuing and revoking the JSON API's keys (npm run api-key today; the staff workspace will show
 * the same words): said to the federation's staff. Simplified Chinese. {name}, {id}, {key}, {at}
 * are filled in by the command.
 */
export const apiKeysText = {
  'apiKeys.usage':
    '用法：\n  npm run api-key -- issue <渠道名称>   为一个渠道（小程序、专职委员的平板等）发放接口密钥\n  npm run api-key -- list               列出所有渠道和密钥状态\n  npm run api-key -- revoke <编号>      停用一个渠道的密钥（不能恢复，需要时再发一个新的）\n需要环境变量 SUPABASE_URL 和 SUPABASE_SECRET_KEY（Supabase 项目的地址和 secret 密钥）。',
  'apiKeys.missingEnv': '缺少环境变量 SUPABASE_URL 和 SUPABASE_SECRET_KEY：请设为 Supabase 项目的地址和 secret 密钥（在本机试用时，node_modules/.bin/node scripts/local-supabase.mjs 启动替身数据库后会打印这两个值）。',
  'apiKeys.unavailable': '连不上数据库，什么也没有改。请检查 SUPABASE_URL 和 SUPABASE_SECRET_KEY，稍后再试。',
  'apiKeys.issued': '已为渠道“{name}”发放接口密钥。\n  编号：{id}\n  密钥：{key}',
  'apiKeys.issuedOnce': '这个密钥只显示这一次，系统里只保存它的摘要，以后谁也查不到。请现在交给渠道的负责人，填进渠道的配置里（每个请求带上请求头 Authorization: Bearer 密钥）。密钥丢了或泄露了，就停用它，再发一个新的。',
  'apiKeys.invalidName': '渠道名称要有 1 到 100 个字，不能有换行等控制字符。例如：城关镇专职委员平板',
  'apiKeys.revoked': '已停用渠道“{name}”的接口密钥（编号 {id}），停用时间 {at}。用这个密钥的请求从现在起都会被拒绝。',
  'apiKeys.alreadyRevoked': '渠道“{name}”的接口密钥（编号 {id}）在 {at} 已经停用过了，没有再改动。',
  'apiKeys.notFound': '没有编号为“{id}”的接口密钥。编号可以用 npm run api-key -- list 查看。',
  'apiKeys.none': '还没有发放过接口密钥。',
  'apiKeys.listHeading': '编号 | 渠道 | 发放时间 | 最后使用 | 状态',
  'apiKeys.neverUsed': '没用过',
  'apiKeys.active': '在用',
  'apiKeys.revokedAt': '{at} 停用',
} as const;
