import { localeStaticPaths } from '../../../i18n/locales.ts';
import { atomResponse } from '../../../lib/news-feed.ts';

export const getStaticPaths = localeStaticPaths;
export const GET = atomResponse;
