import { useEffect, useState } from 'preact/hooks';

/**
 * Display settings (text size, contrast, line spacing, simple mode, pinyin), saved in this
 * browser and applied on every page by public/prefs.js before first paint.
 * Settings apply as soon as they are chosen, so there is no form to submit.
 * Native radio groups in fieldsets: announced as groups by NVDA, JAWS and VoiceOver,
 * operable with arrow keys. Until JS runs, the controls are not shown (they could not work);
 * the server-rendered markup explains the browser's own alternatives instead.
 */
export interface DisplayPrefs {
  textSize: '0' | '1' | '2' | '3';
  contrast: 'auto' | 'high' | 'normal';
  spacing: 'normal' | 'wide';
  mode: 'normal' | 'simple';
  /** Pinyin above the characters of easy-read pages (显示拼音). */
  pinyin: 'off' | 'on';
}

export interface DisplaySettingsStrings {
  noJs: string;
  textSize: string;
  textSizes: [string, string, string, string];
  contrast: string;
  contrastNormal: string;
  contrastHigh: string;
  spacing: string;
  spacingNormal: string;
  spacingWide: string;
  mode: string;
  modeNormal: string;
  modeSimple: string;
  pinyin: string;
  pinyinOff: string;
  pinyinOn: string;
  reset: string;
  saved: string;
}

const STORAGE_KEY = 'cl-display';
const DEFAULTS: DisplayPrefs = { textSize: '0', contrast: 'auto', spacing: 'normal', mode: 'normal', pinyin: 'off' };
const ATTRS: Record<keyof DisplayPrefs, string> = {
  textSize: 'data-text-size',
  contrast: 'data-contrast',
  spacing: 'data-spacing',
  mode: 'data-mode',
  pinyin: 'data-pinyin',
};
/** Values that mean "no attribute": the stylesheet's defaults and system preferences apply. */
const UNSET: Record<keyof DisplayPrefs, string> = { textSize: '0', contrast: 'auto', spacing: 'normal', mode: 'normal', pinyin: 'off' };

function load(): DisplayPrefs {
  try {
    return { ...DEFAULTS, ...JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') };
  } catch {
    return DEFAULTS;
  }
}

function apply(prefs: DisplayPrefs) {
  const root = document.documentElement;
  for (const key of Object.keys(ATTRS) as (keyof DisplayPrefs)[]) {
    if (prefs[key] === UNSET[key]) root.removeAttribute(ATTRS[key]);
    else root.setAttribute(ATTRS[key], prefs[key]);
  }
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(prefs));
  } catch {
    /* private mode: settings still apply to this page */
  }
}

interface GroupProps<K extends keyof DisplayPrefs> {
  name: K;
  legend: string;
  options: [DisplayPrefs[K], string][];
  value: DisplayPrefs[K];
  onChange: (value: DisplayPrefs[K]) => void;
}

function Group<K extends keyof DisplayPrefs>({ name, legend, options, value, onChange }: GroupProps<K>) {
  return (
    <fieldset class="settings-group">
      <legend>{legend}</legend>
      {options.map(([optionValue, label]) => (
        <label class="settings-option" key={optionValue}>
          <input
            type="radio"
            name={name}
            value={optionValue}
            checked={value === optionValue}
            onChange={() => onChange(optionValue)}
          />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}

export default function DisplaySettings({ strings }: { strings: DisplaySettingsStrings }) {
  const [prefs, setPrefs] = useState<DisplayPrefs | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => setPrefs(load()), []);

  if (!prefs) return <p class="notice">{strings.noJs}</p>;

  const update = <K extends keyof DisplayPrefs>(key: K, value: DisplayPrefs[K]) => {
    const next = { ...prefs, [key]: value };
    setPrefs(next);
    apply(next);
    setStatus(strings.saved);
  };

  return (
    <div class="settings">
      <Group
        name="textSize"
        legend={strings.textSize}
        value={prefs.textSize}
        onChange={(v) => update('textSize', v)}
        options={(['0', '1', '2', '3'] as const).map((v, i) => [v, strings.textSizes[i] ?? v])}
      />
      <Group
        name="contrast"
        legend={strings.contrast}
        value={prefs.contrast === 'auto' ? 'normal' : prefs.contrast}
        onChange={(v) => update('contrast', v)}
        options={[['normal', strings.contrastNormal], ['high', strings.contrastHigh]]}
      />
      <Group
        name="spacing"
        legend={strings.spacing}
        value={prefs.spacing}
        onChange={(v) => update('spacing', v)}
        options={[['normal', strings.spacingNormal], ['wide', strings.spacingWide]]}
      />
      <Group
        name="mode"
        legend={strings.mode}
        value={prefs.mode}
        onChange={(v) => update('mode', v)}
        options={[['normal', strings.modeNormal], ['simple', strings.modeSimple]]}
      />
      <Group
        name="pinyin"
        legend={strings.pinyin}
        value={prefs.pinyin}
        onChange={(v) => update('pinyin', v)}
        options={[['off', strings.pinyinOff], ['on', strings.pinyinOn]]}
      />
      <button
        type="button"
        class="button button--secondary"
        onClick={() => {
          setPrefs(DEFAULTS);
          apply(DEFAULTS);
          setStatus(strings.saved);
        }}
      >
        {strings.reset}
      </button>
      <p role="status" class="settings-status">{status}</p>
    </div>
  );
}
