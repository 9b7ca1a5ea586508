import { parseHTML } from './lazy.ts';

/**
 * HTML → plain text with paragraphs kept apart, shared by pages, feed items and corpus
 * lines. Rules:
 *
 * - block elements (p, div, h1–h6, li, blockquote, tr, figure, ...) start and end a
 *   paragraph; paragraphs are joined with one blank line;
 * - inline elements are joined as written (`<b>Pu</b>tin` → `Putin`), white space is
 *   collapsed to single spaces and trimmed, entities are decoded by the parser;
 * - one `<br>` is a line break inside the paragraph, two or more end the paragraph;
 * - scripts, styles, embedded objects, form controls and anything hidden (`hidden`,
 *   `aria-hidden="true"`, `display:none`) are dropped; nothing is ever executed;
 * - `boilerplate: true` also drops navigation, headers, footers, asides, cookie and
 *   newsletter banners (used when Readability found no article).
 */

/** Never text. */
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'audio', 'video', 'picture', 'map', 'head', 'title', 'meta', 'link', 'base',
  'button', 'input', 'select', 'option', 'optgroup', 'datalist', 'textarea', 'img', 'source', 'track',
  'param', 'dialog',
]);

/** Page furniture, dropped in boilerplate mode. */
const FURNITURE = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
const FURNITURE_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar',
]);
const FURNITURE_CLASS =
  /(?:^|[\s_-])(?:cookie|cookies|consent|gdpr|newsletter|subscribe|subscription|social|share|sharing|related|recommended|comments?|sidebar|menu|nav|navbar|navigation|footer|masthead|breadcrumbs?|promo|advert|advertisement|ads?|banner|popup|modal|paywall)(?:$|[\s_-])/i;

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'tfoot', 'thead', 'tr', 'ul', 'listing', 'plaintext', 'xmp',
]);
/** Inline, but their content must not run into the neighbour's. */
const CELL = new Set(['td', 'th']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** The minimal DOM surface this walker uses (linkedom implements it). */
interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
  tagName?: string;
  getAttribute?(name: string): string | null;
}

export interface HtmlTextOptions {
  /**
   * `true`: also drop navigation, page headers, footers, asides, and elements whose class
   * or id names a banner, menu, cookie notice, newsletter box and the like. `'tags'`: only
   * drop nav, footer, aside and menu elements and navigation/banner roles (for text that
   * Readability already cleaned, where classes are gone).
   */
  boilerplate?: boolean | 'tags';
}

// Control characters other than tab/newline/CR/FF, soft hyphens and zero-width marks.
const INVISIBLE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\u00ad\u200b\u2060\ufeff]/g;
const HTML_SPACE = /[ \t\n\r\f\u00a0]+/g;

function isHidden(el: DomNode): boolean {
  const get = el.getAttribute;
  if (!get) return false;
  if (get.call(el, 'hidden') !== null) return true;
  if ((get.call(el, 'aria-hidden') ?? '').toLowerCase() === 'true') return true;
  const style = get.call(el, 'style');
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function isFurniture(el: DomNode, tag: string, inArticle: boolean, onlyTags: boolean): boolean {
  // An article's own <header> holds its headline and standfirst, not site furniture.
  if (FURNITURE.has(tag)) return !(tag === 'header' && (inArticle || onlyTags));
  const get = el.getAttribute!;
  const role = (get.call(el, 'role') ?? '').toLowerCase();
  if (FURNITURE_ROLES.has(role)) return true;
  if (onlyTags) return false;
  if (tag === 'article' || tag === 'main' || tag === 'body' || tag === 'html' || tag === 'p') return false;
  const cls = `${get.call(el, 'class') ?? ''} ${get.call(el, 'id') ?? ''}`;
  return FURNITURE_CLASS.test(cls);
}

/** Plain text of a DOM subtree, paragraphs separated by a blank line. */
export function nodeToText(root: unknown, opts: HtmlTextOptions = {}): string {
  return nodeToParagraphs(root, opts).join('\n\n');
}

/** The paragraphs of a DOM subtree, each trimmed, none empty. */
export function nodeToParagraphs(root: unknown, opts: HtmlTextOptions = {}): string[] {
  const paragraphs: string[] = [];
  let buf = '';
  let pre = 0;
  let article = 0;

  const flush = () => {
    if (buf === '') return;
    const lines = buf
      .split('\n')
      .map((l) => l.replace(/ {2,}/g, ' ').trim())
      .filter((l) => l !== '');
    if (lines.length) paragraphs.push(lines.join('\n'));
    buf = '';
  };
  const lineBreak = () => {
    const last = buf.lastIndexOf('\n');
    const tail = buf.slice(last + 1);
    if (tail.trim() === '') {
      // A <br> right after another <br> (or at the start) ends the paragraph.
      if (buf.trim() !== '') flush();
      else buf = '';
    } else {
      buf += '\n';
    }
  };

  // Explicit stack instead of recursion: hostile pages can nest very deeply.
  type Frame = { node: DomNode; exit: boolean };
  const stack: Frame[] = [{ node: root as DomNode, exit: false }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      let t = (node.nodeValue ?? '').replace(INVISIBLE, '');
      if (pre > 0) {
        const lines = t.split(/\r\n?|\n/);
        lines.forEach((l, i) => {
          if (i > 0) lineBreak();
          buf += l.replace(HTML_SPACE, ' ');
        });
      } else {
        t = t.replace(HTML_SPACE, ' ');
        buf += t;
      }
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue;
    const tag = (node.tagName ?? '').toLowerCase();
    if (exit) {
      if (tag === 'pre' || tag === 'listing' || tag === 'xmp' || tag === 'plaintext') pre--;
      if (tag === 'article' || tag === 'main') article--;
      if (BLOCK.has(tag)) flush();
      else if (CELL.has(tag)) buf += ' ';
      continue;
    }
    if (node.nodeType === ELEMENT_NODE) {
      if (SKIP.has(tag) || isHidden(node)) continue;
      if (opts.boilerplate && isFurniture(node, tag, article > 0, opts.boilerplate === 'tags')) continue;
      if (tag === 'br') {
        lineBreak();
        continue;
      }
      if (tag === 'hr') {
        flush();
        continue;
      }
      if (tag === 'pre' || tag === 'listing' || tag === 'xmp' || tag === 'plaintext') pre++;
      if (tag === 'article' || tag === 'main') article++;
      if (BLOCK.has(tag)) flush();
      else if (CELL.has(tag)) buf += ' ';
    }
    stack.push({ node, exit: true });
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], exit: false });
  }
  flush();
  return paragraphs;
}

/**
 * True when elements nest deeper than `limit` below `root`. Readability's run time grows
 * steeply with nesting depth (seconds at a few hundred levels), so hostile or broken
 * pages are sent past it.
 */
export function nestsDeeperThan(root: unknown, limit: number): boolean {
  const stack: [DomNode, number][] = [[root as DomNode, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) if (kids[i].nodeType === ELEMENT_NODE) stack.push([kids[i], depth + 1]);
  }
  return false;
}

/** Parses an HTML string as a full page, wrapping a bare fragment so it has a body. */
export function parsePage(html: string): Document {
  const hasRoot = /<html[\s>]/i.test(html.slice(0, 4096)) || /<body[\s>]/i.test(html.slice(0, 65536));
  const page = hasRoot ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return parseHTML(page).document as unknown as Document;
}

/** Plain text of an HTML fragment (a feed item's content, a corpus line's `html`). */
export function htmlFragmentToText(html: string, opts: HtmlTextOptions = {}): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  const body = (document as unknown as Document).body;
  return body ? nodeToText(body, opts) : '';
}

/** True when the string holds markup rather than plain text. */
export function looksLikeHtml(s: string): boolean {
  return /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/i.test(s) || /<!--/.test(s);
}

/**
 * Plain text (a feed description without markup) reduced the same way: blank lines
 * separate paragraphs, other white space collapses.
 */
export function plainToText(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .split(/\n[ \t\r\f\u00a0]*\n/)
    .map((p) => p.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

/** Markup or plain text → paragraphs separated by blank lines. */
export function anyToText(s: string): string {
  return looksLikeHtml(s) ? htmlFragmentToText(s) : plainToText(s);
}

/** White space collapsed and trimmed; null for nothing. For titles, names and other one-line fields. */
export function clean(s: string | null | undefined): string | null {
  if (typeof s !== 'string') return null;
  const t = s.replace(INVISIBLE, '').replace(/[\s\u00a0]+/g, ' ').trim();
  return t === '' ? null : t;
}
