import type { APIRoute } from 'astro';
import { withLocales } from '../../i18n/index.ts';
import { getNews, getPolicies } from '../content.ts';
import { brailleFile, type BrailleKind } from './braille-files.ts';

/**
 * The routes that write the .brf files, prerendered at build time (on Netlify too: pure
 * JavaScript, no system package). Both scripts get the same file (see braille-files.ts).
 */
export function brailleRoute(kind: BrailleKind) {
  const getStaticPaths = async () => {
    const slugs = kind === 'news' ? (await getNews()).map((n) => n.id) : (await getPolicies()).map((p) => p.id);
    return withLocales(slugs.map((slug) => ({ params: { slug } })));
  };
  const GET: APIRoute = async ({ params }) => {
    const file = await brailleFile(kind, params['slug']!);
    // Braille ASCII is plain ASCII text; embossers and display software read it as such.
    return new Response(file.body, { headers: { 'Content-Type': 'text/plain; charset=us-ascii' } });
  };
  return { getStaticPaths, GET };
}
