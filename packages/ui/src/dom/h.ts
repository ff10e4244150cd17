type Attribute = string | number | boolean | undefined | ((event: Event) => void);
export type Child = Node | string | false | null | undefined;

/**
 * An element with attributes, listeners (`on` + event name) and children: the kit's one way to build
 * DOM. `false`, `null` and `undefined` are left out, so conditions read inline.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, Attribute> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "function") element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children) if (child !== false && child !== null && child !== undefined) element.append(child);
  return element;
}

let ids = 0;
/** A document-unique id, to tie a field to its hint and error. */
export const newId = (prefix: string) => `lk-${prefix}-${++ids}`;
