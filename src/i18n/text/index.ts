import { siteText } from './site.ts';
import { homeText } from './home.ts';
import { policiesText } from './policies.ts';
import { newsText } from './news.ts';
import { servicesText } from './services.ts';
import { searchText } from './search.ts';
import { contactText } from './contact.ts';
import { settingsText } from './settings.ts';
import { zhucanriText } from './zhucanri.ts';
import { checkerText } from './checker.ts';
import { applyText } from './apply.ts';
import { fieldsText } from './fields.ts';
import { applyFlowText } from './apply-flow.ts';
import { apiText } from './api.ts';
import { staffText } from './staff.ts';
import { formatsText } from './formats.ts';
import { apiKeysText } from './api-keys.ts';
import { noticesText } from './notices.ts';
import { exportText } from './export.ts';
import { feedbackText } from './feedback.ts';
import { dashboardText } from './dashboard.ts';

/**
 * Every interface string, in Simplified Chinese: one file per area of the site, merged here.
 * This is the only home of UI text. Traditional Chinese is produced from it by the same
 * conversion the pages get (../traditional.ts: opencc plus a small table of terms where
 * Traditional usage differs), never kept by hand. Content (guides, news) lives in content/.
 */
export const uiText = {
  ...siteText,
  ...homeText,
  ...policiesText,
  ...newsText,
  ...servicesText,
  ...searchText,
  ...contactText,
  ...settingsText,
  ...zhucanriText,
  ...checkerText,
  ...applyText,
  ...fieldsText,
  ...applyFlowText,
  ...apiText,
  ...staffText,
  ...exportText,
  ...formatsText,
  ...apiKeysText,
  ...noticesText,
  ...feedbackText,
  ...dashboardText,
} as const;

export type UiKey = keyof typeof uiText;
export type UiStrings = Record<UiKey, string>;
