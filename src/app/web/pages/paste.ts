/** Paste an article (text or HTML, optional date and title), analyse it, and read it in the article view. */
import { h, type VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, postAnalyze, type Analysis } from '../lib/api.ts';
import { formatBytes } from '../lib/size.ts';
import { setHash, type Loc } from '../lib/router.ts';
import { ErrorBox, useTitle } from '../components/common.ts';
import { ArticleView } from '../components/article-view.ts';

const KEY = 'hearsay:pasted';

interface Saved { analysis: Analysis; form: { text: string; published: string; title: string; kind: 'text' | 'html' } }

function load(): Saved | null {
  try {
    const s = sessionStorage.getItem(KEY);
    return s ? (JSON.parse(s) as Saved) : null;
  } catch {
    return null;
  }
}

export function PastePage(props: { loc: Loc; maxBytes: number }): VNode<any> {
  const saved = useRef(load()).current;
  const [text, setText] = useState(saved?.form.text ?? '');
  const [published, setPublished] = useState(saved?.form.published ?? '');
  const [title, setTitle] = useState(saved?.form.title ?? '');
  const [kind, setKind] = useState<'text' | 'html'>(saved?.form.kind ?? 'text');
  const [result, setResult] = useState<Analysis | null>(saved?.analysis ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [sel, setSel] = useState<string | null>(props.loc.hash || null);
  const ctl = useRef<AbortController | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useTitle(result ? result.document.title?.trim() || 'Pasted article' : 'Paste an article');
  useEffect(() => () => ctl.current?.abort(), []);
  useEffect(() => setSel(props.loc.hash || null), [props.loc.hash]);

  const size = new TextEncoder().encode(text).length;
  const tooBig = size > props.maxBytes - 1024;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim() || tooBig || busy) return;
    ctl.current?.abort();
    ctl.current = new AbortController();
    setBusy(true);
    setError(null);
    try {
      const body = { [kind]: text, ...(published ? { published } : {}), ...(title.trim() ? { title: title.trim() } : {}) };
      const a = await postAnalyze(body, ctl.current.signal);
      setResult(a);
      setSel(null);
      setHash(null);
      try {
        sessionStorage.setItem(KEY, JSON.stringify({ analysis: a, form: { text, published, title, kind } }));
      } catch {
        // too big for session storage: the result just does not survive a reload
      }
      requestAnimationFrame(() => resultRef.current?.querySelector<HTMLElement>('#page-title')?.focus());
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      setError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err)));
    } finally {
      setBusy(false);
    }
  };

  return h('div', { class: 'page page-paste' },
    h('form', { class: 'paste-form', onSubmit: submit, 'aria-busy': busy ? 'true' : 'false' },
      h('h1', { tabIndex: -1, id: result ? undefined : 'page-title' }, 'Paste an article'),
      h('p', { class: 'hint' }, 'hearsay finds every attributed statement in it. Nothing is stored.'),
      h('div', { class: 'paste-fields' },
        h('label', null, 'Title (optional)', h('input', { type: 'text', name: 'title', value: title, maxLength: 1000, onInput: (e: Event) => setTitle((e.target as HTMLInputElement).value) })),
        h('label', null, 'Published (optional)', h('input', { type: 'date', name: 'published', value: published, onInput: (e: Event) => setPublished((e.target as HTMLInputElement).value) }),
          h('span', { class: 'meta' }, 'Relative dates (“on Tuesday”) are resolved against it.')),
        h('fieldset', { class: 'kind' }, h('legend', null, 'The article is'),
          h('label', null, h('input', { type: 'radio', name: 'kind', value: 'text', checked: kind === 'text', onChange: () => setKind('text') }), ' plain text'),
          h('label', null, h('input', { type: 'radio', name: 'kind', value: 'html', checked: kind === 'html', onChange: () => setKind('html') }), ' HTML (a saved page)'))),
      h('label', { class: 'text-label' }, kind === 'html' ? 'Page source' : 'Article text',
        h('textarea', { name: 'text', rows: result ? 6 : 14, value: text, required: true, spellcheck: false, onInput: (e: Event) => setText((e.target as HTMLTextAreaElement).value),
          placeholder: '“That is simply not what happened,” Kremlin spokesman Dmitry Peskov told reporters on Tuesday…' })),
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'button primary', disabled: busy || !text.trim() || tooBig }, busy ? 'Analysing…' : 'Analyse'),
        h('span', { class: tooBig ? 'meta warn' : 'meta' }, tooBig ? `${formatBytes(size)}: over the ${formatBytes(props.maxBytes)} limit` : text ? formatBytes(size) : ''),
        result && !busy ? h('button', { type: 'button', class: 'button', onClick: () => { setResult(null); setText(''); setTitle(''); setPublished(''); sessionStorage.removeItem(KEY); setHash(null); } }, 'Clear') : null),
      busy ? h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Analysing the article…') : null,
      error ? h(ErrorBox, { error, title: 'The article could not be analysed' }) : null),
    result ? h('div', { class: 'paste-result', ref: resultRef },
      h(ArticleView, { analysis: result, selected: sel, onSelect: (id) => { setSel(id); setHash(id); } })) : null);
}
