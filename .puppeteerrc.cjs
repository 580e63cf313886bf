// Test tools must never download their own browser: pa11y and Lighthouse use Debian's Chromium.
module.exports = { skipDownload: true, executablePath: '/usr/bin/chromium' };
