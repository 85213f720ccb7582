// HTML → what a run records: title, normalised visible text (one line per block), and links.
import { createHash } from "node:crypto";
import { parse, type DefaultTreeAdapterTypes as T } from "parse5";

// One parse with parse5 (the parser cheerio used, so the same tree, but on parse5's own light node
// objects), then two plain tree walks instead of cheerio selector queries and DOM edits: a crawl
// spends most of its CPU here. The result is the same as removing INVISIBLE, turning <br> into "\n", wrapping each
// BLOCKS element in "\n" and taking the body's text.
const BLOCKS = new Set(
  "address,article,aside,blockquote,dd,div,dl,dt,fieldset,figcaption,figure,footer,form,h1,h2,h3,h4,h5,h6,header,hr,li,main,nav,ol,p,pre,section,table,tbody,thead,tfoot,tr,td,th,ul,option,summary,details".split(
    ",",
  ),
);
const INVISIBLE = new Set(
  "script,style,noscript,template,svg,iframe,object,canvas,head".split(","),
);

/** Collapses whitespace inside lines and drops empty lines. */
export function normaliseText(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

export function hashText(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Absolute http(s) URL without fragment and default port; null for anything else. */
export function normaliseUrl(href: string, base: string | URL): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  if (!url.search) url.search = "";
  url.username = "";
  url.password = "";
  return url.toString();
}

export type ExtractedPage = { title: string | null; text: string; links: string[] };

export function isHtml(contentType: string | null): boolean {
  return /\b(text\/html|application\/xhtml\+xml)\b/i.test(contentType ?? "");
}

export function extractPage(html: string, pageUrl: string): ExtractedPage {
  const root = parse(html, { scriptingEnabled: true });
  const found: Found = { title: null, baseHref: undefined, body: null, anchors: [] };
  scan(root, found);
  const title = found.title ? textOf(found.title).replace(/\s+/g, " ").trim() || null : null;
  const base = (found.baseHref && normaliseUrl(found.baseHref, pageUrl)) || pageUrl;
  const links = new Set<string>();
  for (const el of found.anchors) {
    const rel = (attr(el, "rel") ?? "").toLowerCase();
    if (rel.split(/\s+/).includes("nofollow")) continue;
    const url = normaliseUrl(attr(el, "href") ?? "", base);
    if (url) links.add(url);
  }
  const parts: string[] = [];
  visibleText(found.body ?? root, parts);
  return { title, text: normaliseText(parts.join("")), links: [...links] };
}

type Parent = T.ParentNode;
type Found = {
  title: T.Element | null;
  baseHref: string | undefined;
  body: T.Element | null;
  anchors: T.Element[];
};

/** The last attribute of that name wins (svg's xlink:href and href both read as "href"). */
function attr(el: T.Element, name: string): string | undefined {
  let value: string | undefined;
  for (const a of el.attrs) if (a.name === name) value = a.value;
  return value;
}

function isElement(node: T.ChildNode): node is T.Element {
  return "tagName" in node;
}

/** A <template>'s content hangs off the element, not among its child nodes. */
function childrenOf(node: Parent): T.ChildNode[] {
  const content = (node as T.Template).content;
  return content ? [...node.childNodes, ...content.childNodes] : node.childNodes;
}

/** Document order, whole tree (links inside <noscript> or <svg> count, as they did). */
function scan(node: Parent, found: Found) {
  for (const child of childrenOf(node)) {
    if (!isElement(child)) continue;
    const name = child.tagName;
    if (name === "title") found.title ??= child;
    else if (name === "base") {
      if (found.baseHref === undefined) found.baseHref = attr(child, "href");
    } else if (name === "body") found.body ??= child;
    else if ((name === "a" || name === "area") && attr(child, "href") !== undefined)
      found.anchors.push(child);
    scan(child, found);
  }
}

/** All text below a node (what cheerio's .text() returned). */
function textOf(node: Parent): string {
  let out = "";
  for (const child of childrenOf(node)) {
    if (child.nodeName === "#text") out += (child as T.TextNode).value;
    else if (isElement(child)) out += textOf(child);
  }
  return out;
}

function visibleText(node: Parent, out: string[]) {
  for (const child of childrenOf(node)) {
    if (child.nodeName === "#text") out.push((child as T.TextNode).value);
    else if (isElement(child)) {
      const name = child.tagName;
      if (INVISIBLE.has(name)) continue;
      if (name === "br") out.push("\n");
      else if (BLOCKS.has(name)) {
        out.push("\n");
        visibleText(child, out);
        out.push("\n");
      } else visibleText(child, out);
    }
  }
}
