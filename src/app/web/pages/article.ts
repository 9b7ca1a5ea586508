/** A corpus article: /articles/:id, the selected statement in the hash (#s3). */
import { h, type VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ArticleResponse } from '../lib/api.ts';
import { useApi } from '../lib/hooks.ts';
import { setHash, type Loc } from '../lib/router.ts';
import { ErrorBox, Loading, useTitle } from '../components/common.ts';
import { ArticleView } from '../components/article-view.ts';

export function ArticlePage(props: { id: string; loc: Loc }): VNode<any> {
  const r = useApi<ArticleResponse>(`/api/articles/${encodeURIComponent(props.id)}`);
  const [sel, setSel] = useState<string | null>(props.loc.hash || null);
  useEffect(() => setSel(props.loc.hash || null), [props.loc.hash]);
  useTitle(r.data ? r.data.analysis.document.title?.trim() || r.data.article.docId : r.error ? 'Article not found' : 'Article');
  if (r.error) return h('div', { class: 'page' }, h(ErrorBox, { error: r.error, retry: r.reload }));
  if (!r.data) return h('div', { class: 'page' }, h(Loading, { label: 'Loading the article…' }));
  const d = r.data;
  return h('div', { class: 'page page-article' },
    h(ArticleView, {
      analysis: d.analysis,
      links: d.statements,
      article: d.article,
      selected: sel,
      onSelect: (id) => {
        setSel(id);
        setHash(id);
      },
    }),
    h('p', { class: 'article-foot meta' },
      `Article ${d.article.id} · from ${d.article.sourceFile}${d.article.sourceItem ? `, ${d.article.sourceItem}` : ''} · `,
      h('a', { href: `/api/articles/${d.article.id}`, target: '_blank', rel: 'noopener' }, 'the analysis as JSON')));
}
