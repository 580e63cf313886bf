/**
 * Where Traditional usage differs from the Simplified wording, not only in characters: everyday
 * computer and interface words, as readers of Traditional Chinese know them (Taiwan usage, the
 * standard the character conversion follows). Applied to Simplified text before the character
 * conversion, to interface text and content alike, longest phrase first.
 *
 * Official terms keep their wording (个人信息, 残疾人证, 低保 …): only words a reader would find
 * foreign belong here, such as 信息 meaning the answers someone gave (资料 there). Whole phrases for words with other meanings: 设置 alone also means "to set
 * up" (设置无障碍设施), so only the phrases that mean "settings" are listed.
 */
export const TRADITIONAL_TERMS: Readonly<Record<string, string>> = {
  显示设置: '顯示設定',
  默认设置: '預設設定',
  系统设置: '系統設定',
  辅助功能设置: '輔助功能設定',
  这些设置: '這些設定',
  设置保存: '設定儲存',
  设置验证器: '設定驗證器',
  设置手机验证器: '設定手機驗證器',
  设置新密码: '設定新密碼',
  默认: '預設',
  读屏软件: '螢幕閱讀器',
  屏幕阅读器: '螢幕閱讀器',
  软件: '軟體',
  视频: '影片',
  网络: '網路',
  打印机: '印表機',
  打印: '列印',
  搜索: '搜尋',
  鼠标: '滑鼠',
  链接: '連結',
  菜单: '選單',
  登录: '登入',
  账号: '帳號',
  服务器: '伺服器',
  您的信息: '您的資料',
  申请人的信息: '申請人的資料',
};
