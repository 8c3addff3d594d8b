/** Markup that is already safe: made only by `html`, `jsonLd` or a literal the code itself wrote. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolated = SafeHtml | string | number | null | undefined | false | readonly Interpolated[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an element or a quoted attribute value: every character that could end either is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly Interpolated[]).map(render).join('');
  return escapeHtml(String(value));
}

/**
 * A tagged template that escapes by default: every interpolated value is text unless it is
 * itself `SafeHtml` (a nested `html`), so a profile can never add markup to a page.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * A JSON-LD block. JSON.stringify leaves `<` as is, so `</script>` in a value would close the
 * element: `<`, `>` and `&` become JSON's own escapes, and U+2028/2029 too (a script's line ends).
 */
export function jsonLd(data: unknown): SafeHtml {
  const json = JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return new SafeHtml(`<script type="application/ld+json">${json}</script>`);
}

/** Text for XML (the sitemap): the five predefined entities. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) =>
    character === "'" ? '&apos;' : (ENTITIES[character] ?? character),
  );
}
