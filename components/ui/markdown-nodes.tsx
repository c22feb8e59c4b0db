import { Fragment, type ReactNode } from "react";
import type { TBlockNode, TInlineNode, TListItem } from "@/lib/domain/markdown/inline-markdown";

// Markdown trees (parsed on the server by lib/domain/markdown/inline-markdown.ts) as React
// elements. No parser here: client components render trees the server parsed, and ship none.
// The trees hold only safe nodes; React escapes every text, no HTML is set.

/** Inline nodes as React elements; inside a link (`isInsideLink`), links keep only their text. */
export function renderInlineNodes(nodes: readonly TInlineNode[], isInsideLink = false): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.type) {
      case "text":
        return <Fragment key={index}>{node.value}</Fragment>;
      case "inlineCode":
        return (
          <code key={index} className="rounded bg-slate-100 px-1 font-mono text-[0.9em]">
            {node.value}
          </code>
        );
      case "break":
        return <br key={index} />;
      case "emphasis":
        return <em key={index}>{renderInlineNodes(node.children, isInsideLink)}</em>;
      case "strong":
        return <strong key={index}>{renderInlineNodes(node.children, isInsideLink)}</strong>;
      case "delete":
        return <del key={index}>{renderInlineNodes(node.children, isInsideLink)}</del>;
      case "link":
        // A link inside a link is invalid HTML (and breaks hydration): the outer one wins.
        if (isInsideLink) return <Fragment key={index}>{renderInlineNodes(node.children, true)}</Fragment>;
        return (
          <a key={index} href={node.href} rel="noreferrer noopener" target="_blank" className="underline">
            {renderInlineNodes(node.children, true)}
          </a>
        );
    }
  });
}

// Details: blocks

function ListItem({ item }: { item: TListItem }) {
  const [first, ...rest] = item.children;
  // A tight list item's words sit beside its marker, not in a paragraph below it.
  const lead = first?.type === "paragraph" ? renderInlineNodes(first.children) : renderBlocks(first ? [first] : []);
  return (
    <li className={item.checked === null ? undefined : "list-none"}>
      {item.checked === null ? null : (
        <>
          <span aria-hidden="true" className="mr-1">
            {item.checked ? "☑" : "☐"}
          </span>
          <span className="sr-only">{item.checked ? "Done: " : "Not done: "}</span>
        </>
      )}
      {lead}
      {rest.length > 0 ? <div className="mt-1 space-y-1">{renderBlocks(rest)}</div> : null}
    </li>
  );
}

export function renderBlocks(blocks: readonly TBlockNode[]): ReactNode[] {
  return blocks.map((block, index) => {
    switch (block.type) {
      case "paragraph":
        return <p key={index}>{renderInlineNodes(block.children)}</p>;
      case "list": {
        const items = block.items.map((item, i) => <ListItem key={i} item={item} />);
        return block.isOrdered ? (
          <ol key={index} start={block.start === 1 ? undefined : (block.start ?? undefined)} className="list-decimal space-y-0.5 pl-5">
            {items}
          </ol>
        ) : (
          <ul key={index} className="list-disc space-y-0.5 pl-5">
            {items}
          </ul>
        );
      }
      case "code":
        return (
          <pre key={index} className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-[0.9em]">
            <code>{block.value}</code>
          </pre>
        );
      case "blockquote":
        return (
          <blockquote key={index} className="space-y-2 border-l-2 border-slate-300 pl-3 text-slate-600">
            {renderBlocks(block.children)}
          </blockquote>
        );
      case "table":
        return (
          <div key={index} className="overflow-x-auto">
            <table className="text-left">
              <thead>
                <tr>
                  {block.head.map((cell, i) => (
                    <th key={i} scope="col" className="border-b border-slate-300 px-2 py-1 font-semibold">
                      {renderInlineNodes(cell)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {block.rows.map((row, r) => (
                  <tr key={r} className="border-b border-slate-100">
                    {row.map((cell, i) => (
                      <td key={i} className="px-2 py-1 align-top">
                        {renderInlineNodes(cell)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      case "thematicBreak":
        return <hr key={index} className="border-slate-200" />;
    }
  });
}

/** Parsed inline Markdown (an item text, a title). */
export function InlineNodes({ nodes, isInsideLink = false }: { nodes: readonly TInlineNode[]; isInsideLink?: boolean }) {
  return <>{renderInlineNodes(nodes, isInsideLink)}</>;
}

/** Parsed block Markdown (an item's details). */
export function BlockNodes({ blocks, className = "" }: { blocks: readonly TBlockNode[]; className?: string }) {
  return <div className={`space-y-2 break-words ${className}`}>{renderBlocks(blocks)}</div>;
}
