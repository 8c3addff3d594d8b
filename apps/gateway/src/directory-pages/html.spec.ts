import { escapeXml, html, jsonLd } from './html';

describe('html', () => {
  it('escapes every interpolated value, so markup in a value is text', () => {
    const intro = '<script>alert(1)</script>';
    expect(html`<p>${intro}</p>`.value).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('escapes quotes, so a value cannot leave its attribute', () => {
    expect(html`<a href="${'x" onclick="alert(1)'}"></a>`.value).toBe(
      '<a href="x&quot; onclick=&quot;alert(1)"></a>',
    );
    expect(html`<p>${"it's"}</p>`.value).toBe('<p>it&#39;s</p>');
  });

  it('keeps nested html as markup and escapes the values inside it', () => {
    const items = ['a&b', '<i>'];
    expect(
      html`<ul>
        ${items.map((item) => html`<li>${item}</li>`)}
      </ul>`.value,
    ).toMatch(/^<ul>\s*<li>a&amp;b<\/li><li>&lt;i&gt;<\/li>\s*<\/ul>$/);
  });

  it('writes nothing for null, undefined and false, and numbers as text', () => {
    expect(html`[${null}${undefined}${false}${2026}]`.value).toBe('[2026]');
  });
});

describe('jsonLd', () => {
  it('keeps </script> in a value inside the one script, and the JSON still parses to the value', () => {
    const value = { name: '</script><script>alert(1)</script>', text: 'a & b > c\u2028' };
    const block = jsonLd(value).value;
    expect(block.match(/<\/script/gi)).toHaveLength(1);
    expect(block.endsWith('</script>')).toBe(true);
    const json = block.slice('<script type="application/ld+json">'.length, -'</script>'.length);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('escapeXml', () => {
  it('escapes the five predefined entities', () => {
    expect(escapeXml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
  });
});
