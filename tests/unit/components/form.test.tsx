import { describe, expect, it } from 'vitest';
import { render } from 'preact-render-to-string';
import ErrorSummary from '../../../src/components/form/ErrorSummary.tsx';
import NotificationBanner from '../../../src/components/form/NotificationBanner.tsx';
import Question from '../../../src/components/form/Question.tsx';
import Button from '../../../src/components/form/Button.tsx';
import { tags } from '../../api/html-tags.ts';

/**
 * The form patterns, built once (src/components/form) and used by the journeys, the status and
 * resume pages and the benefits checker: each contract's markup, checked as a browser reads it.
 */
const attrs = (html: string, name: string) => tags(html).filter((t) => t.name === name).map((t) => Object.fromEntries(t.attributes));

describe('ErrorSummary', () => {
  const html = render(<ErrorSummary title="请修改以下问题" description="说明" errors={[{ href: '#f-name', text: '请输入姓名' }]} />);
  it('is focused on load, with role="alert" on an inner element, linking each problem to its field', () => {
    const [outer] = attrs(html, 'div');
    expect(outer).toMatchObject({ class: 'error-summary', tabindex: '-1', 'aria-labelledby': 'error-summary-title' });
    expect('autofocus' in outer!).toBe(true);
    expect(outer!['role']).toBeUndefined();
    expect(attrs(html, 'div')[1]).toMatchObject({ role: 'alert' });
    expect(attrs(html, 'a')).toEqual([{ href: '#f-name' }]);
    expect(html).toContain('<h2 id="error-summary-title">请修改以下问题</h2>');
  });
  it('renders nothing without problems', () => {
    expect(render(<ErrorSummary title="x" errors={[]} />)).toBe('');
  });
});

describe('Question', () => {
  const base = { values: {}, errors: {}, errorPrefix: '错误：' };
  it('ties label, hint and error to a text field, keeps the typed value, and marks it invalid', () => {
    const html = render(<Question {...base} question={{ kind: 'text', name: 'name', label: '姓名', hint: '和身份证上一样', width: 'medium' }} values={{ name: '张<三>' }} errors={{ name: '请输入姓名' }} />);
    const [input] = attrs(html, 'input');
    expect(input).toMatchObject({ id: 'f-name', name: 'name', value: '张&lt;三>', 'aria-describedby': 'f-name-hint f-name-error', 'aria-invalid': 'true' });
    expect(attrs(html, 'label')[0]).toMatchObject({ for: 'f-name' });
    expect(html).toContain('<span class="visually-hidden">错误：</span>请输入姓名');
    expect(html).not.toContain('<三>');
  });
  it('groups radios in a fieldset named by its legend (the page h1 when it is the only question), each option its own hint', () => {
    const html = render(<Question {...base} heading question={{ kind: 'radios', name: 'who', legend: '为谁申请？', options: [{ value: 'self', label: '自己' }, { value: 'other', label: '他人', hint: '例如监护人' }] }} values={{ who: 'other' }} />);
    expect(html).toMatch(/<fieldset><legend class="field-legend field-legend--heading"><h1>为谁申请？<\/h1><\/legend>/);
    expect(attrs(html, 'input')).toEqual([
      { type: 'radio', id: 'f-who', name: 'who', value: 'self' },
      { type: 'radio', id: 'f-who-2', name: 'who', value: 'other', checked: '', 'aria-describedby': 'f-who-2-hint' },
    ]);
  });
  it('shows follow-up questions under their option, without script', () => {
    const html = render(<Question {...base} question={{ kind: 'radios', name: 'method', legend: '怎样交付？', options: [{ value: 'delivery', label: '送货', conditional: [{ kind: 'text', name: 'address', label: '地址', width: 'long' }] }] }} />);
    expect(html).toMatch(/<div class="conditional">.*id="f-address"/);
  });
  it('lets a 20-character number wrap instead of hiding its start', () => {
    const html = render(<Question {...base} question={{ kind: 'text', name: 'certificate_number', label: '证号', width: 'code', spellcheck: false, autocomplete: 'off' }} values={{ certificate_number: '11010519491231002X42' }} />);
    expect(attrs(html, 'textarea')[0]).toMatchObject({ rows: '1', class: 'input input--code', spellcheck: 'false', autocomplete: 'off', 'data-single-line': 'true' });
  });
});

describe('NotificationBanner and Button', () => {
  it('a problem banner is focused and announced like the error summary; a notice is a plain region', () => {
    const problem = render(<NotificationBanner kind="problem" title="没有保存成功"><p>稍后再试</p></NotificationBanner>);
    expect(attrs(problem, 'div')[0]).toMatchObject({ class: 'banner banner--problem', tabindex: '-1' });
    expect(attrs(problem, 'div')[1]).toMatchObject({ role: 'alert' });
    const notice = render(<NotificationBanner kind="notice" title="请注意"><p>说明</p></NotificationBanner>);
    expect(attrs(notice, 'div')[0]).toMatchObject({ class: 'banner banner--notice', role: 'region', 'aria-labelledby': 'banner-title' });
  });
  it('a button submits; a link that starts something is a link', () => {
    expect(render(<Button name="intent" value="save" secondary>保存</Button>)).toBe('<button type="submit" class="button button--secondary" name="intent" value="save">保存</button>');
    expect(render(<Button href="/apply/certificate/action/">开始申请</Button>)).toBe('<a class="button" href="/apply/certificate/action/">开始申请</a>');
  });
});
