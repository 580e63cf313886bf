/**
 * Read aloud (朗读): the page's main text, sentence by sentence, with the browser's own speech
 * synthesis and a Chinese voice for the page's script. Nothing leaves the browser.
 *
 * A custom element rather than a Preact island: it is the only script on content pages, and
 * without a framework it stays under 3 KB gzipped. The server renders it `hidden`; it shows
 * itself only when speech synthesis and a Chinese voice exist, so without JavaScript, without
 * speech or without a voice there is no dead button. It never starts by itself, never moves
 * keyboard focus, and stops when the reader leaves the page.
 *
 * Pause is cancel-and-remember, not speechSynthesis.pause(): Chrome on Android and Linux
 * does not resume a paused utterance reliably. Resuming restarts the current sentence.
 * The sentence being read is highlighted with the CSS Custom Highlight API, which paints
 * without touching the DOM, so a screen reader's view of the page never changes.
 */

/** What is never read: the controls, navigation, pinyin annotations, hidden text. */
const SKIP = 'read-aloud,[data-read-aloud-skip],nav,rt,rp,script,style,[hidden],[aria-hidden="true"],.visually-hidden';
const BLOCK = 'p,li,h1,h2,h3,h4,h5,h6,dt,dd,td,th,caption,figcaption,blockquote';
/** A sentence ends at 。！？；, its closing quotes and brackets included. */
const SENTENCE = /[^。！？!?；;]+[。！？!?；;]*[”’」』）)]*/g;

interface Sentence { text: string; range: Range; block: Element }

type SpeechHighlights = { set(name: string, h: unknown): void; delete(name: string): void };
const highlights = (globalThis.CSS as unknown as { highlights?: SpeechHighlights })?.highlights;
const HighlightCtor = (globalThis as unknown as { Highlight?: new (r: Range) => unknown }).Highlight;

function pickVoice(lang: string): SpeechSynthesisVoice | undefined {
  const voices = speechSynthesis.getVoices();
  const order = lang === 'zh-TW' ? ['zh-TW', 'zh-HK', 'zh-CN'] : ['zh-CN', 'zh-TW', 'zh-HK'];
  const norm = (v: SpeechSynthesisVoice) => v.lang.replace('_', '-');
  for (const want of order) {
    const found = voices.find((v) => norm(v).startsWith(want));
    if (found) return found;
  }
  return voices.find((v) => /^(zh|cmn)/i.test(norm(v)));
}

/** Every sentence of the content in document order, each as a Range over its text nodes. */
function sentences(root: Element): Sentence[] {
  const byBlock = new Map<Element, { node: Text; start: number }[]>();
  const texts = new Map<Element, string>();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => {
      const el = n.parentElement;
      return !el || el.closest(SKIP) || (el.checkVisibility && !el.checkVisibility()) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const block = n.parentElement!.closest(BLOCK) ?? root;
    const text = texts.get(block) ?? '';
    if (!byBlock.has(block)) byBlock.set(block, []);
    byBlock.get(block)!.push({ node: n, start: text.length });
    texts.set(block, text + n.data);
  }
  const out: Sentence[] = [];
  for (const [block, nodes] of byBlock) {
    const text = texts.get(block)!;
    const at = (offset: number): [Text, number] => {
      let i = nodes.length - 1;
      while (i > 0 && nodes[i]!.start > offset) i--;
      return [nodes[i]!.node, offset - nodes[i]!.start];
    };
    for (const m of text.matchAll(SENTENCE)) {
      const spoken = m[0].replace(/\s+/g, ' ').trim();
      if (!/[\p{L}\p{N}]/u.test(spoken)) continue;
      const lead = m[0].length - m[0].trimStart().length;
      const range = document.createRange();
      range.setStart(...at(m.index! + lead));
      range.setEnd(...at(m.index! + m[0].trimEnd().length));
      out.push({ text: spoken, range, block });
    }
  }
  return out;
}

class ReadAloud extends HTMLElement {
  private list: Sentence[] = [];
  private index = 0;
  private run = 0;
  private state: 'idle' | 'playing' | 'paused' = 'idle';
  private voice?: SpeechSynthesisVoice;

  connectedCallback() {
    if (!('speechSynthesis' in window) || typeof SpeechSynthesisUtterance !== 'function') return;
    const ready = () => {
      this.voice = pickVoice(this.dataset['lang'] ?? 'zh-CN');
      if (!this.voice || !this.hidden) return;
      this.hidden = false;
      this.addHeadingButtons();
    };
    ready();
    speechSynthesis.addEventListener?.('voiceschanged', ready);
    this.button('play').addEventListener('click', () => (this.state === 'playing' ? this.pause() : this.play()));
    this.button('stop').addEventListener('click', () => this.stop());
    this.querySelector('select')!.addEventListener('change', () => {
      if (this.state === 'playing') this.speak();
    });
    addEventListener('pagehide', () => this.stop());
  }

  private button(name: string) {
    return this.querySelector<HTMLButtonElement>(`[data-${name}]`)!;
  }

  private get root() {
    return document.querySelector('main article') ?? document.querySelector('main')!;
  }

  private addHeadingButtons() {
    for (const h of this.root.querySelectorAll('h2')) {
      if (h.closest(SKIP) || !h.textContent?.trim()) continue;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'button button--secondary read-aloud-here';
      b.dataset['readAloudSkip'] = '';
      // Visible "从这里朗读"; screen readers also hear which heading (the visible words come first: WCAG 2.5.3).
      const which = document.createElement('span');
      which.className = 'visually-hidden';
      which.textContent = (this.dataset['fromHereLabel'] ?? '').replace('{heading}', h.textContent.trim());
      b.append(this.dataset['fromHere'] ?? '', which);
      b.addEventListener('click', () => this.play(h));
      h.after(b);
    }
  }

  private play(from?: Element) {
    if (this.state === 'idle' || from) {
      this.list = sentences(this.root);
      this.index = 0;
      if (from) {
        const i = this.list.findIndex((s) => s.block === from || !!(from.compareDocumentPosition(s.block) & Node.DOCUMENT_POSITION_FOLLOWING));
        this.index = Math.max(0, i);
      }
    }
    this.speak();
  }

  private speak() {
    const run = ++this.run;
    speechSynthesis.cancel();
    const s = this.list[this.index];
    if (!s) return this.stop();
    this.set('playing');
    const u = new SpeechSynthesisUtterance(s.text);
    u.voice = this.voice!;
    u.lang = this.voice!.lang;
    u.rate = Number(this.querySelector('select')!.value) || 1;
    u.onend = () => {
      if (run !== this.run) return;
      this.index++;
      this.speak();
    };
    highlights?.set('read-aloud', new HighlightCtor!(s.range));
    const box = s.range.getBoundingClientRect();
    if (box.top < 0 || box.bottom > innerHeight) s.block.scrollIntoView({ block: 'center' });
    speechSynthesis.speak(u);
  }

  private pause() {
    this.run++;
    speechSynthesis.cancel();
    this.set('paused');
  }

  private stop() {
    this.run++;
    if (this.state !== 'idle') speechSynthesis.cancel();
    this.index = 0;
    highlights?.delete('read-aloud');
    this.set('idle');
  }

  private set(state: 'idle' | 'playing' | 'paused') {
    this.state = state;
    const label = { idle: 'labelPlay', playing: 'labelPause', paused: 'labelResume' }[state];
    this.button('play').textContent = this.dataset[label] ?? '';
    this.button('stop').disabled = state === 'idle';
  }
}

customElements.define('read-aloud', ReadAloud);
