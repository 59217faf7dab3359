// Deterministic generator of news pages for `npm run bench`: the same size and seed give the
// same page on every machine, so figures from two runs and two approaches compare.
//
// A page is a site header with navigation and search, a column of stories (headline, byline,
// paragraphs with links and inline emphasis, lists, spec tables, quotes, figures, now and then
// a code sample) each followed by a comment thread with nested replies, a "most read" sidebar
// and a footer. Chip names come at about one per 150 words of prose, some of them split across
// inline elements (`Ascend <b>910C</b>`), and the ambiguous chip words also appear in their
// everyday senses (`ascend the stairs`, `Edward Hopper`, `a trip to Venice`).
import { random } from '../news-generator.mjs';

// Everyday words only: none of them is an alias of the knowledge base, so every name on the
// page was put there on purpose (checked by `node scripts/bench/page-generator.mjs --check`).
const FILLER = `the company said on tuesday that demand for its products remained strong across markets while analysts
expected margins to narrow in the second half as customers waited for new supply and prices settled after a volatile
quarter in which shipments rose faster than many investors had predicted officials in several capitals are reviewing
rules that govern sales abroad and industry groups warned uncertainty could slow investment in new factories research
laboratories and the training of engineers the report also noted that power costs in large facilities have climbed
and cooling remains a constraint for operators who want to pack more equipment into each hall without rebuilding the
site executives told reporters during a call with investors that orders from cloud providers would keep growing next
year though some buyers were delaying purchases until prices fall a spokesperson declined to comment on the talks but
people familiar with the matter said a deal could be announced within weeks regulators have asked for more detail on
how the products are used and who buys them the firm plans to hire thousands of workers build two plants and spend
billions over the next decade according to filings published late on friday critics argue the subsidies favour large
incumbents over smaller rivals and startups which struggle to raise money when interest rates stay high meanwhile
shares fell sharply in early trading before recovering most of their losses by the close of the session`.split(/\s+/);

const CHIPS = [
  'H20', 'H100', 'H200', 'B200', 'B300', 'GB200', 'GB200 NVL72', 'GH200', 'HGX H20', 'L40S', 'RTX 5090', 'Jetson AGX Thor',
  'MI300X', 'MI325X', 'MI355X', 'MI450X', 'EPYC 9004', 'Zen 5', 'ROCm', 'Infinity Fabric',
  'Ascend 910C', 'Ascend 910B', '昇腾910B', 'Kirin 9000S', 'Kunpeng 920', 'CloudMatrix 384', 'Atlas 950 SuperPoD',
  'Gaudi 3', 'Xeon 6900P', 'Lunar Lake', '18A',
  'TPU v5p', 'Ironwood', 'Trainium2', 'Inferentia2', 'Graviton4', 'Maia 100', 'Cerebras', 'Groq', 'SambaNova', 'Tenstorrent',
  'Snapdragon X Elite', 'Nvidia', 'AMD', 'Huawei', 'TSMC', 'SMIC', 'SK hynix', 'Micron', 'ASML', 'Broadcom', 'Marvell',
  'Cambricon', 'Moore Threads', 'Hygon', '英伟达', '华为', '寒武纪', 'CUDA', 'NVLink', 'UALink', 'CXL', 'HBM3E', 'HBM4', 'CoWoS',
  'EUV', 'gate-all-around', 'export controls', 'Entity List', 'CHIPS Act',
];
/** Ambiguous chip words in their chip sense, with the context that says so. */
const CHIP_SENSE = [
  "Huawei's Ascend chips", 'Blackwell GPUs', 'the Hopper architecture', 'Rubin GPUs', 'Trillium TPUs', "Amazon's Graviton processors",
  "AMD's Instinct accelerators", "Intel's Gaudi accelerators", 'the Grace CPU', 'Nvidia H20 chips', 'the Vera Rubin platform', '英伟达H20芯片',
];
/** The same words in their everyday senses: a highlighter that cannot tell them apart marks these too. */
const EVERYDAY = [
  'ascend the stairs', 'Elizabeth Blackwell', 'Edward Hopper', 'the A100 road', 'the Vera C. Rubin Observatory', 'a cold Kirin beer',
  'Thor, the god of thunder', 'Grace Kelly', 'a trip to Venice', 'the Turin shroud', 'Genoa salami', 'an atlas of old maps',
  'twisted his arm', 'a zen garden', 'Ada Lovelace', 'Tesla Model 3 sedans', "Pascal's wager", 'Alan Turing', "Ampere's law",
  'Helios, the sun god', 'the M5 motorway', 'grace under pressure', 'Volta, the Italian physicist',
];
/** Names split across inline elements: [before, inside, tag]. */
const SPLIT = [
  ['Ascend', '910C', 'b'], ['Gaudi', '3', 'strong'], ['TPU', 'v5p', 'a'], ['GB200', 'NVL72', 'em'], ['Kirin', '9000S', 'i'],
  ['Xeon', '6900P', 'a'], ['Snapdragon', 'X Elite', 'em'], ['Atlas 950', 'SuperPoD', 'b'], ['Jetson AGX', 'Thor', 'strong'], ['HGX', 'H20', 'a'],
];
const CHIP_RATE = 1 / 195;
const EVERYDAY_RATE = 1 / 900;
const SPLIT_SHARE = 0.04;
const SENSE_SHARE = 0.12;

const SECTIONS = ['World', 'Business', 'Markets', 'Technology', 'AI', 'Semiconductors', 'Policy', 'Science', 'Opinion', 'Video', 'Podcasts', 'Newsletters'];
const PEOPLE = ['Maria Chen', 'David Okafor', 'Sofia Rossi', 'Kenji Watanabe', 'Priya Raman', 'Lukas Becker', 'Amara Diallo', 'Tom Hughes', 'Li Wei', 'Hannah Novak'];
const HANDLES = ['packet_pusher', 'siliconskeptic', 'fab_watcher', 'old_sysadmin', 'quietreader', 'margin_call', 'wafer_thin', 'lurker42', 'tokyo_dev', 'coolant'];
const UNITS = ['TFLOPS', 'GB of HBM', 'W', 'nm', 'TB/s', 'GB/s'];

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Writes HTML while counting the visible text and the names it puts in. */
class PageWriter {
  constructor(seed) {
    this.next = random(seed);
    this.parts = [];
    this.text = 0;
    this.counts = { words: 0, names: 0, split: 0, chipSense: 0, everyday: 0 };
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  int(low, high) {
    return low + Math.floor(this.next() * (high - low + 1));
  }
  html(markup) {
    this.parts.push(markup);
  }
  /** Visible text, escaped. */
  put(text) {
    this.parts.push(escapeHtml(text));
    this.text += text.length;
  }
  /** One word of prose: a chip name, an everyday sense of a chip word, or filler; inline markup when `rich`. */
  word(rich) {
    this.counts.words++;
    const roll = this.next();
    if (roll < CHIP_RATE) {
      this.counts.names++;
      const kind = this.next();
      if (rich && kind < SPLIT_SHARE) {
        this.counts.split++;
        const [before, inside, tag] = this.pick(SPLIT);
        this.put(`${before} `);
        this.html(tag === 'a' ? `<a href="/topic/${this.int(1, 99)}">` : `<${tag}>`);
        this.put(inside);
        this.html(`</${tag}>`);
        return;
      }
      if (kind < SPLIT_SHARE + SENSE_SHARE) {
        this.counts.chipSense++;
        this.put(this.pick(CHIP_SENSE));
        return;
      }
      const name = this.pick(CHIPS);
      if (rich && kind > 0.9) {
        this.html(`<a href="/topic/${this.int(1, 99)}">`);
        this.put(name);
        this.html('</a>');
      } else this.put(name);
      return;
    }
    if (roll < CHIP_RATE + EVERYDAY_RATE) {
      this.counts.everyday++;
      this.put(this.pick(EVERYDAY));
      return;
    }
    if (roll < CHIP_RATE + EVERYDAY_RATE + 0.01) {
      this.put(`${this.int(2, 900)} ${this.pick(UNITS)}`);
      return;
    }
    this.put(this.pick(FILLER));
  }
  /** A sentence of `words` words, capitalised, with links and emphasis when `rich`. */
  sentence(words, rich) {
    let open = null;
    let left = 0;
    for (let i = 0; i < words; i++) {
      if (i > 0) this.put(i === Math.floor(words / 2) && this.next() < 0.3 ? ', ' : ' ');
      if (rich && open === null && this.next() < 1 / 30) {
        open = this.next() < 0.6 ? 'a' : this.pick(['em', 'strong', 'i', 'b']);
        left = this.int(1, 4);
        this.html(open === 'a' ? `<a href="/story/${this.int(1000, 9999)}">` : `<${open}>`);
      }
      if (i === 0) {
        // Capitalise the first word: write it to a side buffer and fix its first letter.
        const mark = this.parts.length;
        const textBefore = this.text;
        this.word(rich);
        const first = this.parts[mark];
        if (first !== undefined && !first.startsWith('<') && this.text > textBefore) this.parts[mark] = first.charAt(0).toUpperCase() + first.slice(1);
      } else this.word(rich);
      if (open !== null && --left === 0) {
        this.html(`</${open}>`);
        open = null;
      }
    }
    if (open !== null) this.html(`</${open}>`);
    this.put('. ');
  }
  paragraph(rich = true) {
    this.html('<p>');
    const sentences = this.int(2, 7);
    for (let i = 0; i < sentences; i++) this.sentence(this.int(8, 28), rich);
    this.html('</p>\n');
  }
  list() {
    const ordered = this.next() < 0.3;
    this.html(ordered ? '<ol>' : '<ul>');
    const items = this.int(3, 6);
    for (let i = 0; i < items; i++) {
      this.html('<li>');
      this.sentence(this.int(5, 16), true);
      this.html('</li>');
    }
    this.html(ordered ? '</ol>\n' : '</ul>\n');
  }
  table() {
    this.html('<table class="specs"><caption>');
    this.put('How the accelerators compare');
    this.html('</caption><thead><tr>');
    for (const heading of ['Chip', 'Process', 'Memory', 'Peak compute', 'Power']) {
      this.html('<th>');
      this.put(heading);
      this.html('</th>');
    }
    this.html('</tr></thead><tbody>');
    const rows = this.int(3, 6);
    for (let i = 0; i < rows; i++) {
      this.html('<tr><td>');
      this.counts.names++;
      this.put(this.pick(CHIPS));
      this.html('</td><td>');
      this.put(`${this.int(3, 7)} nm`);
      this.html('</td><td>');
      this.put(`${this.int(4, 36) * 8} GB`);
      this.html('</td><td>');
      this.put(`${this.int(200, 5000)} TFLOPS`);
      this.html('</td><td>');
      this.put(`${this.int(3, 14) * 100} W`);
      this.html('</td></tr>');
    }
    this.html('</tbody></table>\n');
  }
  quote() {
    this.html('<blockquote><p>');
    this.sentence(this.int(10, 24), false);
    this.html('</p><footer>');
    this.put(this.pick(PEOPLE));
    this.html('</footer></blockquote>\n');
  }
  figure() {
    this.html(`<figure><img src="data:," alt="" width="640" height="2"><figcaption>`);
    this.sentence(this.int(6, 14), false);
    this.html('</figcaption></figure>\n');
  }
  code() {
    // Code is not prose: scanners should skip it (this text is not counted as visible text).
    this.html('<pre><code>const device = torch.device("cuda")  # H100 node, CUDA 12\nmodel.to(device)</code></pre>\n');
  }
  comment(depth) {
    this.html('<div class="comment"><p class="meta"><b>');
    this.put(this.pick(HANDLES));
    this.html('</b> ');
    this.put(`· ${this.int(1, 23)}h ago`);
    this.html('</p>');
    const paragraphs = this.int(1, 2);
    for (let i = 0; i < paragraphs; i++) {
      this.html('<p>');
      const sentences = this.int(1, 4);
      for (let j = 0; j < sentences; j++) this.sentence(this.int(5, 22), this.next() < 0.3);
      this.html('</p>');
    }
    this.html('<button type="button">Reply</button>');
    if (depth < 3 && this.next() < 0.35) {
      this.html('<div class="replies">');
      const replies = this.int(1, 3);
      for (let i = 0; i < replies; i++) this.comment(depth + 1);
      this.html('</div>');
    }
    this.html('</div>\n');
  }
  story(index) {
    this.html(`<article id="story-${index}"><h2><a href="/story/${index}">`);
    this.sentence(this.int(6, 12), false);
    this.html('</a></h2><p class="byline">');
    this.put(`By ${this.pick(PEOPLE)} | `);
    this.html('<time>');
    this.put(`${this.int(1, 28)} ${this.pick(['March', 'April', 'May', 'June'])} 2025`);
    this.html('</time></p>\n');
    const blocks = this.int(4, 12);
    for (let i = 0; i < blocks; i++) {
      const roll = this.next();
      if (roll < 0.72) this.paragraph();
      else if (roll < 0.82) this.list();
      else if (roll < 0.88) this.table();
      else if (roll < 0.94) this.quote();
      else if (roll < 0.98) this.figure();
      else this.code();
    }
    this.html('<section class="comments"><h3>');
    const comments = this.int(1, 6);
    this.put(`Comments (${comments})`);
    this.html('</h3>\n');
    for (let i = 0; i < comments; i++) this.comment(0);
    this.html('</section></article>\n');
  }
  nav(links) {
    this.html('<nav><ul>');
    for (let i = 0; i < links; i++) {
      this.html(`<li><a href="/section/${i}">`);
      this.put(SECTIONS[i % SECTIONS.length]);
      this.html('</a></li>');
    }
    this.html('</ul></nav>\n');
  }
}

const STYLE = `body{font:16px/1.5 Georgia,serif;margin:0;color:#222}header.site,footer{background:#f4f4f4;padding:8px 16px}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:12px;margin:0;padding:0}.layout{display:flex;gap:24px;padding:0 16px}
main{flex:3;min-width:0}aside{flex:1}.comment{border-left:2px solid #ddd;padding-left:8px;margin:8px 0}
.meta{color:#666;font-size:13px}table.specs{border-collapse:collapse}table.specs td,table.specs th{border:1px solid #ccc;padding:2px 6px}`;

/**
 * A news page with about `textBytes` characters of visible text. Returns the HTML in two parts,
 * before and after the place where the runner puts its load gate (an image at the end of the
 * body), and what was put in.
 */
export function newsPage(textBytes, seed = 1) {
  const w = new PageWriter(seed);
  w.html(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Chip news — ${textBytes} bytes, seed ${seed}</title>\n<style>${STYLE}</style>\n`);
  w.html('<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Nvidia H20 export controls"}</script>\n</head>\n<body>\n');
  w.html('<header class="site">');
  w.nav(12);
  w.html('<form role="search"><input type="search" placeholder="Search" value="H100 prices"><button>Search</button></form></header>\n');
  w.html('<div class="layout"><main>\n<h1>');
  w.sentence(9, false);
  w.html('</h1>\n');
  // Leave room for the sidebar and footer (about 3% of the text).
  let index = 0;
  while (w.text < textBytes * 0.97) w.story(index++);
  w.html('</main>\n<aside><h3>');
  w.put('Most read');
  w.html('</h3><ol>');
  for (let i = 0; i < 10; i++) {
    w.html(`<li><a href="/story/${i}">`);
    w.sentence(w.int(6, 12), false);
    w.html('</a></li>');
  }
  w.html('</ol>');
  while (w.text < textBytes) w.paragraph(false);
  w.html('</aside></div>\n<footer>');
  w.nav(24);
  w.html('<p>');
  w.put('© 2025 Chip News. All rights reserved.');
  w.html('</p></footer>\n');
  const before = w.parts.join('');
  return { before, after: '</body></html>\n', textBytes: w.text, stories: index, ...w.counts };
}

/** `count` paragraphs of the same prose, as HTML strings: what an endless feed appends. */
export function newsParagraphsHtml(count, seed = 2) {
  const w = new PageWriter(seed);
  const paragraphs = [];
  for (let i = 0; i < count; i++) {
    w.parts = [];
    w.paragraph();
    paragraphs.push(w.parts.join(''));
  }
  return { paragraphs, textBytes: w.text, ...w.counts };
}

/** Every alias of every entity of the knowledge base (`aliases` and `ambiguous[].alias`): the peers' term list. */
export async function knowledgeAliases(root) {
  const { readdir, readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const dir = join(root, 'src', 'core', 'knowledge', 'data');
  const aliases = new Set();
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.json')).sort()) {
    const data = JSON.parse(await readFile(join(dir, file), 'utf8'));
    for (const entity of data.entities) {
      for (const alias of entity.aliases) aliases.add(alias);
      for (const ambiguous of entity.ambiguous) aliases.add(ambiguous.alias);
    }
  }
  return [...aliases];
}

// `node scripts/bench/page-generator.mjs --check`: the filler is free of aliases and every name is one.
if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--check')) {
  const { dirname, join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const aliases = new Set((await knowledgeAliases(join(dirname(fileURLToPath(import.meta.url)), '..', '..'))).map((a) => a.toLowerCase()));
  const badFiller = FILLER.filter((word) => aliases.has(word));
  const notNames = [...CHIPS, ...SPLIT.map(([a, b]) => `${a} ${b}`)].filter((name) => !aliases.has(name.toLowerCase()));
  console.log({ badFiller, notNames });
  for (const size of [50 * 1024, 2 * 1024 * 1024]) {
    const page = newsPage(size, 1);
    const { before, after, ...rest } = page;
    console.log(size, { htmlBytes: before.length + after.length, ...rest, wordsPerName: Math.round(rest.words / rest.names) });
  }
}
