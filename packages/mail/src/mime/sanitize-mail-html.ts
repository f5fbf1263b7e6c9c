import sanitizeHtml from "sanitize-html";

/** Colours only as #hex, a keyword, or rgb()/hsl() of numbers: no url(), expression() or var(). */
const COLOUR = /^(#[0-9a-f]{3,8}|[a-z]+|(rgb|rgba|hsl|hsla)\([\d.,%\s]+\))$/i;

/**
 * HTML of received mail is hostile input: scripts, forms, event handlers, remote resources
 * (tracking pixels) and CSS that escapes its frame are removed. Only inline (cid:/data:)
 * images survive; links open in a new tab without referrer.
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== "iframe"),
      "img", "font", "center", "span", "div", "u", "s", "small", "big", "hr",
    ],
    allowedAttributes: {
      // target and rel are always those set by transformTags below, never the message's.
      a: ["href", "title", "target", "rel"],
      img: ["src", "alt", "width", "height"],
      td: ["colspan", "rowspan", "align", "valign", "width"],
      th: ["colspan", "rowspan", "align", "valign", "width"],
      table: ["width", "border", "cellpadding", "cellspacing", "align"],
      font: ["color", "size"],
      "*": ["style", "dir", "lang", "align"],
    },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: ["cid", "data"] },
    allowedStyles: {
      "*": {
        color: [COLOUR],
        "background-color": [COLOUR],
        "text-align": [/^(left|right|center|justify)$/],
        "font-weight": [/^(normal|bold|\d{3})$/],
        "font-style": [/^(normal|italic)$/],
        "text-decoration": [/^[a-z\s-]+$/],
      },
    },
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: "_blank", rel: "noopener noreferrer nofollow" } }),
      // Scheme filtering lets relative and protocol-relative URLs through ("//tracker/p.gif",
      // "/api/…" on the webmail's own origin): an image source must name cid: or data:.
      img: (tagName, { src, ...attribs }) => ({ tagName, attribs: src !== undefined && /^(cid|data):/i.test(src.trim()) ? { ...attribs, src } : attribs }),
    },
    disallowedTagsMode: "discard",
  });
}
