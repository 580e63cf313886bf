import { localeStaticPaths } from '../../../i18n/locales.ts';
import { policiesRssResponse } from '../../../lib/feeds.ts';

export const getStaticPaths = localeStaticPaths;
export const GET = policiesRssResponse;
