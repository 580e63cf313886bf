/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Script of the page being rendered, from its path (set by src/middleware.ts). */
    locale: import('./i18n/locales.ts').Locale;
  }
}
