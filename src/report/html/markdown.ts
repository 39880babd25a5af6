/**
 * Rule text (messages, fixes) is Markdown written by phoenix-ops: rendered with markdown-it with raw
 * HTML off, so a `<script>` in a message or an evidence value prints as text, and markdown-it's link
 * validation drops `javascript:` and `data:` links.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** A block of Markdown (a fix with paragraphs, lists, code) as HTML. */
export function markdownBlock(text: string): string {
  return md.render(text);
}

/** One line of Markdown (a message, a title) as inline HTML: code spans and emphasis, no paragraph. */
export function markdownInline(text: string): string {
  return md.renderInline(text);
}
