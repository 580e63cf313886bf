/**
 * The one set of options for every cookie the portal sets: HttpOnly, the whole site, Secure
 * whenever the page is served over HTTPS (always in production; the local server is plain HTTP).
 * Residents' cookies are SameSite=Lax (a link from a text message to their saved application
 * works); the staff workspace's are SameSite=Strict (design.md): a link from elsewhere arrives
 * signed out. State changes are POSTs either way, which Astro's origin check guards.
 */
export const privateCookie = (url: URL, sameSite: 'lax' | 'strict' = 'lax') =>
  ({ path: '/', httpOnly: true, sameSite, secure: url.protocol === 'https:' });

/** The staff workspace's cookies. */
export const staffCookie = (url: URL) => privateCookie(url, 'strict');
