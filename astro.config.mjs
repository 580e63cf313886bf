// @ts-check
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import netlify from '@astrojs/netlify';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import { parse } from 'yaml';

/** The published origin comes from the federation's own configuration. */
const { siteUrl } = parse(readFileSync(new URL('./content/site.yaml', import.meta.url), 'utf8'));

/** The display-settings script every page carries inline (BaseLayout.astro), allowed by its hash. */
const prefsHash = /** @type {`sha256-${string}`} */ (`sha256-${createHash('sha256').update(readFileSync(new URL('./src/scripts/prefs.js', import.meta.url), 'utf8')).digest('base64')}`);

export default defineConfig({
  site: siteUrl,
  output: 'static',
  trailingSlash: 'always',
  build: {
    // One round trip: a page's CSS comes inside its HTML (the site's whole CSS is about 4 KB
    // gzipped), allowed by the hashes Astro puts in each page's CSP, so nothing blocks the first paint.
    inlineStylesheets: 'always',
  },
  adapter: netlify({
    // Offline machines: no Netlify account, no edge runtime, Astro's own image pipeline.
    devFeatures: { edgeFunctions: false, images: false, environmentVariables: false },
    imageCDN: false,
  }),
  integrations: [
    preact(),
    sitemap({ filter: (page) => !page.endsWith('/404/') }),
  ],
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // Pagefind's search runs as WebAssembly.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"], hashes: [prefsHash] },
      styleDirective: { resources: ["'self'"] },
    },
  },
  // No code blocks in this content; Shiki's inline styles would also break the CSP.
  markdown: { syntaxHighlight: false },
  devToolbar: { enabled: false },
  vite: {
    build: {
      // The read-aloud script stays a file: cached once for every content page instead of
      // repeated inline in each (Astro inlines scripts under 4 KB by default).
      assetsInlineLimit: (file) => (/ReadAloud/.test(file) ? false : undefined),
    },
    plugins: [
      {
        // Dev server only: the JSON API's paths have no trailing slash, but Astro's trailingSlash
        // guard answers 404 before Netlify's function emulation sees them. Astro puts its guards
        // first in a post hook; this runs after it and goes in front of them. Netlify in production
        // routes /api/v1/* to functions/applications.mts by the function's own config.path.
        name: 'api-paths-reach-functions-in-dev',
        enforce: 'post',
        configureServer(server) {
          return () => {
            server.middlewares.stack.unshift({
              route: '',
              /** @type {import('vite').Connect.NextHandleFunction} */
              handle: (req, _res, next) => {
                if (req.url && /^\/api\/v1\/[^?]*[^/?](\?|$)/.test(req.url)) req.url = req.url.replace(/^([^?]*)/, '$1/');
                next();
              },
            });
          };
        },
      },
    ],
  },
});
