import { memo, type MouseEvent } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import { citationNumber, linkCitations, safeUrl } from "../lib/citations.js";
import type { Source } from "../lib/types.js";

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** Shows raw HTML in model output as the literal text it is; it is never parsed or executed. */
function htmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === "html") node.type = "text";
    node.children?.forEach(walk);
  };
  return (tree: MdNode) => walk(tree);
}

const REMARK_PLUGINS = [htmlAsText];

/** The DOM id of a source of a message, the target of its `[n]` citations. */
export function sourceAnchor(messageId: string, n: number): string {
  return `src-${messageId}-${String(n)}`;
}

function focusSource(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: "nearest", behavior: "smooth" });
  target.focus({ preventScroll: true });
  target.classList.remove("flash");
  target.getBoundingClientRect(); // forces a reflow so the highlight animation restarts
  target.classList.add("flash");
}

/**
 * Renders assistant markdown safely: no raw HTML, no images, links only to http(s)/mailto
 * (opening in a new tab), and `[n]` citations linked to the message's sources.
 */
export const Markdown = memo(function Markdown({
  text,
  sources,
  messageId,
}: {
  text: string;
  sources: readonly Source[];
  messageId: string;
}) {
  const titles = new Map(sources.map((s) => [s.n, s.title]));
  const components: Components = {
    a: ({ href, children }) => {
      const n = citationNumber(href);
      if (n !== undefined) {
        const id = sourceAnchor(messageId, n);
        return (
          <a
            className="cite"
            href={`#${id}`}
            onClick={(event) => focusSource(event, id)}
            aria-label={`Source ${String(n)}: ${titles.get(n) ?? ""}`}
            title={titles.get(n)}
          >
            {n}
          </a>
        );
      }
      if (!href) return <span>{children}</span>;
      return (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      );
    },
  };
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={REMARK_PLUGINS}
        urlTransform={safeUrl}
        disallowedElements={["img"]}
        unwrapDisallowed
        components={components}
      >
        {linkCitations(text, sources)}
      </ReactMarkdown>
    </div>
  );
});
