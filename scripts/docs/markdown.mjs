// Markdown for the docs site: markdown-it (CommonMark + GFM tables) with markdown-it-anchor for heading
// ids, plus the site's own rules:
// - raw HTML is escaped (html: false); an HTML comment on its own lines (`<!-- sample: skip … -->`,
//   the generated-file note) is dropped instead of shown as text;
// - links go through `env.link(href)`: a guide's `x.md#y` becomes `x.html#y`, a target the site does
//   not serve (a repository file outside docs/) becomes plain text (`<span class="nolink">`), external
//   links get rel="noopener"; markdown-it already refuses javascript:, vbscript:, file: and data: URLs;
// - an inline code span naming an element (`<aq-report-dialog>`) links to its page (`env.codeLink`);
// - tables are wrapped for horizontal scrolling, and column alignment is a class (`al-r`, `al-c`),
//   never a style attribute, so pages stay within `style-src 'self'`.
import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';

/** A heading id: lower case, letters, digits, CJK and dashes. */
export function slug(text) {
  return (
    String(text)
      .toLowerCase()
      .replace(/<[^>]*>/g, '')
      .replace(/[`*_~]/g, '')
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'section'
  );
}

/** Block rule: an HTML comment that starts a line and ends on that line or a later one renders as nothing. */
function htmlComment(state, startLine, endLine, silent) {
  const lineText = (n) => state.src.slice(state.bMarks[n] + state.tShift[n], state.eMarks[n]);
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (!lineText(startLine).startsWith('<!--')) return false;
  let line = startLine;
  while (line < endLine && !lineText(line).includes('-->')) line++;
  if (line >= endLine || !/-->\s*$/.test(lineText(line))) return false;
  if (silent) return true;
  state.line = line + 1;
  return true;
}

const ALIGN = { 'text-align:right': 'al-r', 'text-align:center': 'al-c', 'text-align:left': '' };

/** Core rule: links, element code spans and table alignment (see the file comment). */
function siteRules(state) {
  const env = state.env ?? {};
  for (const token of state.tokens) {
    if ((token.type === 'th_open' || token.type === 'td_open') && token.attrGet('style')) {
      const cls = ALIGN[token.attrGet('style')] ?? '';
      token.attrs = token.attrs.filter(([name]) => name !== 'style');
      if (cls) token.attrJoin('class', cls);
    }
    if (token.type !== 'inline' || !token.children) continue;
    const out = [];
    const open = []; // the link_open tokens not yet closed, to turn their link_close into </span> too
    for (const child of token.children) {
      if (child.type === 'link_open') {
        const target = resolveLink(child.attrGet('href') ?? '', env);
        if (!target || open.length) {
          // No target (or a link inside a link): keep the label as text.
          child.tag = 'span';
          child.attrs = [['class', 'nolink']];
        } else {
          child.attrSet('href', target.href);
          if (target.external) child.attrSet('rel', 'noopener');
        }
        open.push(child);
        out.push(child);
        continue;
      }
      if (child.type === 'link_close') {
        const o = open.pop();
        if (o?.tag === 'span') child.tag = 'span';
        out.push(child);
        continue;
      }
      if (child.type === 'code_inline' && !open.length && env.codeLink) {
        const href = env.codeLink(child.content);
        if (href) {
          const a = new state.Token('link_open', 'a', 1);
          a.attrs = [['href', href]];
          out.push(a, child, new state.Token('link_close', 'a', -1));
          continue;
        }
      }
      out.push(child);
    }
    token.children = out;
  }
}

function resolveLink(href, env) {
  if (/^(https?:|mailto:)/i.test(href)) return { href, external: true };
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return null; // any other scheme
  if (href.startsWith('#')) return { href };
  let path = href;
  try {
    path = decodeURI(href);
  } catch {}
  return env.link ? env.link(path) : null;
}

/** The site's Markdown renderer. */
export function createMarkdown() {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.block.ruler.before('paragraph', 'aq_html_comment', htmlComment, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.use(anchor, { slugify: slug, tabIndex: false, uniqueSlugStartIndex: 2, level: 1 });
  md.core.ruler.push('aq_site', siteRules);
  md.renderer.rules.table_open = () => '<div class="table-wrap"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';
  return md;
}

const shared = createMarkdown();

/**
 * A Markdown document to HTML. `env.link(href)` maps a relative link target to `{ href }` or null,
 * `env.codeLink(text)` may give a link for an inline code span; `reservedIds` are ids already on the
 * page (headings never take them).
 */
export function markdownToHtml(src, { link, codeLink, reservedIds = [] } = {}) {
  const slugs = Object.fromEntries([...reservedIds].map((id) => [id, true]));
  return shared.render(String(src ?? ''), { link, codeLink, markdownItAnchor: { slugs } });
}

/** One line of Markdown (no paragraph) to HTML, with the same link rules. */
export function inlineMarkdown(src, { link, codeLink } = {}) {
  return shared.renderInline(String(src ?? ''), { link, codeLink });
}
