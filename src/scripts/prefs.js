/* Apply the reader's saved display settings before the page paints (no flash of the
   default style). Written by the display settings page; ignored if storage is blocked. */
(function () {
  try {
    var saved = JSON.parse(localStorage.getItem('cl-display') || '{}');
    var root = document.documentElement;
    var allowed = { textSize: ['1', '2', '3'], contrast: ['high', 'normal'], spacing: ['wide'], mode: ['simple'], pinyin: ['on'] };
    var attrs = { textSize: 'data-text-size', contrast: 'data-contrast', spacing: 'data-spacing', mode: 'data-mode', pinyin: 'data-pinyin' };
    for (var key in attrs) {
      if (allowed[key].indexOf(saved[key]) !== -1) root.setAttribute(attrs[key], saved[key]);
    }
  } catch (e) { /* storage unavailable: defaults and system preferences still apply */ }
})();
