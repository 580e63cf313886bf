import { brailleRoute } from '../../../../lib/formats/braille-route.ts';

/** The braille-ready file of this page (.brf, 国家通用盲文). */
export const { getStaticPaths, GET } = brailleRoute('guide');
