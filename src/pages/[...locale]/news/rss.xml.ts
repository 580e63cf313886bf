import { localeStaticPaths } from '../../../i18n/locales.ts';
import { rssResponse } from '../../../lib/feeds.ts';

export const getStaticPaths = localeStaticPaths;
export const GET = rssResponse;
