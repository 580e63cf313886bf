import { localeStaticPaths } from '../../../i18n/locales.ts';
import { atomResponse } from '../../../lib/feeds.ts';

export const getStaticPaths = localeStaticPaths;
export const GET = atomResponse;
