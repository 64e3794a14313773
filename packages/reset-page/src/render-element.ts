// Every piece of text goes in through text nodes, never as HTML: the application's name and
// the masked address come from the API and must not be able to inject markup.

export type Child = Node | string | null | undefined | false;

/** `document.createElement` with attributes and children, for a page without a framework. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((child): child is Node | string => child !== null && child !== undefined && child !== false));
  return node;
}

/** Splits `'For {email} at {app}.'` into text and the given nodes, in order. */
export function fillTemplate(template: string, values: Readonly<Record<string, Node | string>>): Array<Node | string> {
  return template.split(/\{(\w+)\}/).map((part, index) => (index % 2 === 1 ? (values[part] ?? `{${part}}`) : part));
}
