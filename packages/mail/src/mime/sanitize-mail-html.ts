import sanitizeHtml from "sanitize-html";

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
      a: ["href", "title"],
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
        color: [/^[#a-z0-9(),.\s%]+$/i],
        "background-color": [/^[#a-z0-9(),.\s%]+$/i],
        "text-align": [/^(left|right|center|justify)$/],
        "font-weight": [/^(normal|bold|\d{3})$/],
        "font-style": [/^(normal|italic)$/],
        "text-decoration": [/^[a-z\s-]+$/],
      },
    },
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: "_blank", rel: "noopener noreferrer nofollow" } }),
    },
    disallowedTagsMode: "discard",
  });
}
