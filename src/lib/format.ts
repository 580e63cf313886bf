/** "2025-05-18" → "2025年5月18日": how dates are written on the page. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
