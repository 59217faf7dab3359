/**
 * The card's own stylesheet, inside its closed shadow root. `all: initial` cuts every
 * inherited page style; `:host` rules are `!important` so that page rules aimed at the host
 * element (`* { display: none !important }`) lose to them.
 */
export const CARD_CSS = `
:host {
  all: initial !important;
  position: fixed !important;
  top: 0 !important;
  left: 0 !important;
  z-index: 2147483647 !important;
  display: block !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  pointer-events: auto !important;
}
.card {
  all: initial;
  display: block;
  box-sizing: border-box;
  width: max-content;
  max-width: min(28rem, calc(100vw - 16px));
  max-height: min(34rem, calc(100vh - 16px));
  overflow: auto;
  padding: 12px 14px;
  border-radius: 10px;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
  color: #1f2328;
  background: #ffffff;
  border: 1px solid #d0d7de;
  box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
  user-select: text;
  cursor: auto;
}
.card * { box-sizing: border-box; }
header { display: block; margin: 0 0 6px; }
h2 { all: unset; display: block; font-size: 15px; font-weight: 700; }
.subtitle { all: unset; display: block; color: #57606a; font-size: 12px; }
.summary { margin: 0 0 8px; }
h3 { all: unset; display: block; margin: 8px 0 4px; font-size: 11px; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase; color: #57606a; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 4px; }
dt { color: #57606a; }
dd { margin: 0; }
.as-of { color: #6e7781; font-size: 11px; }
a { color: #0969da; text-decoration: underline; }
.comparison { border-collapse: collapse; margin: 6px 0; font-size: 12px; }
.comparison th, .comparison td { padding: 2px 8px 2px 0; text-align: left; vertical-align: top; border-bottom: 1px solid #eaeef2; }
.comparison th { font-weight: 600; }
.sentences { margin: 0; padding: 0 0 0 16px; }
.sentence { margin: 0 0 4px; }
mark { background: #fff3bf; color: inherit; padding: 0 1px; border-radius: 2px; }
.more { display: inline-block; margin: 0 0 6px; }
.count { margin: 2px 0 0; color: #57606a; font-size: 12px; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; }
.chip { font: inherit; font-size: 12px; padding: 1px 8px; border-radius: 999px; border: 1px solid #d0d7de; background: #f6f8fa; color: inherit; cursor: pointer; }
.chip:hover { background: #eaeef2; }
.chip:focus-visible, a:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .card { color: #e6edf3; background: #161b22; border-color: #30363d; box-shadow: 0 8px 24px rgb(0 0 0 / 0.5); }
  .subtitle, h3, dt, .count { color: #9198a1; }
  .as-of { color: #7d8590; }
  a { color: #4493f8; }
  .comparison th, .comparison td { border-color: #30363d; }
  mark { background: #5c4813; }
  .chip { background: #21262d; border-color: #30363d; }
  .chip:hover { background: #30363d; }
}
@media (prefers-reduced-motion: no-preference) {
  .card { animation: appear 90ms ease-out; }
  @keyframes appear { from { opacity: 0; transform: translateY(2px); } }
}
`;
