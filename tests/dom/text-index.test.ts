// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { rangeFor, walkText, type TextSegment } from '../../src/content/text-index.js';

function segmentsOf(html: string): { segments: TextSegment[]; shadowRoots: ShadowRoot[] } {
  document.body.innerHTML = html;
  const segments: TextSegment[] = [];
  const shadowRoots: ShadowRoot[] = [];
  for (const _ of walkText(document.body, (s) => segments.push(s), (r) => shadowRoots.push(r)));
  return { segments, shadowRoots };
}

describe('text index', () => {
  it('joins the inline pieces of a block into one text, and maps offsets back to nodes', () => {
    const { segments } = segmentsOf('<p>Huawei ships the Ascend <b>910C</b> now.</p>');
    expect(segments.map((s) => s.text)).toEqual(['Huawei ships the Ascend 910C now.']);
    const segment = segments[0] as TextSegment;
    const start = segment.text.indexOf('Ascend');
    const range = rangeFor(segment, start, start + 'Ascend 910C'.length);
    expect(range.toString()).toBe('Ascend 910C');
    expect(range.endContainer.parentElement?.localName).toBe('b');
  });

  it('keeps blocks apart, also text that follows a nested block', () => {
    const { segments } = segmentsOf('<div>Before <p>Inside</p> after</div><ul><li>One</li><li>Two</li></ul>');
    expect(segments.map((s) => s.text.trim())).toEqual(['Before', 'Inside', 'after', 'One', 'Two']);
  });

  it('skips code, scripts, editable regions, form fields and hidden elements', () => {
    const { segments } = segmentsOf(`<p>Seen H100</p><pre>MI300X</pre><code>B200</code><script>var H20</script>
      <textarea>H100</textarea><input value="H100"><div contenteditable="true">Gaudi 3</div><div contenteditable="false">kept</div>
      <p hidden>Trillium</p><style>.x{}</style>`);
    expect(segments.map((s) => s.text.trim())).toEqual(['Seen H100', 'kept']);
  });

  it('turns line breaks inside a block into spaces without moving offsets', () => {
    const { segments } = segmentsOf('<p>Ascend\n   910C</p>');
    expect(segments[0]?.text).toBe('Ascend    910C');
  });

  it('reports open shadow roots for their own walk', () => {
    const host = document.createElement('div');
    const { shadowRoots } = segmentsOf('<p>x</p>');
    expect(shadowRoots).toHaveLength(0);
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>TPU v5p</p>';
    document.body.append(host);
    const found: ShadowRoot[] = [];
    for (const _ of walkText(document.body, () => {}, (r) => found.push(r)));
    expect(found).toHaveLength(1);
  });
});
