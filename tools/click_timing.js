// Page-side helpers of tools/click_timing.py; each call evaluates this file, then one of these.
function cy() { const box = document.getElementById('graph-canvas'); return box && box._cyreg && box._cyreg.cy; }
function canvasReady() { const c = cy(); return !!(c && c.edges().length); }
// the drawn actors and edges a reader would click first: the biggest actors, the heaviest edges
// (an overview's pair edges, or relations), taken in turn
function pickTargets(n) {
  const bySize = (a, b) => (b.data('size') || 0) - (a.data('size') || 0);
  const byWeight = (a, b) => (b.data('weight') || 0) - (a.data('weight') || 0);
  const nodes = cy().nodes().toArray().sort(bySize).slice(0, n);
  const edges = cy().edges().toArray().sort(byWeight).slice(0, n);
  const out = [];
  for (let i = 0; i < n; i++) {
    if (nodes[i]) out.push({kind: 'node', id: nodes[i].id()});
    if (edges[i]) out.push({kind: edges[i].data('pair') ? 'pair' : 'edge', id: edges[i].id(),
                            pair: edges[i].data('pair') || null});
  }
  window.__targets = out;
  return out;
}
// the panel shows what was tapped, its folded parts drawn (assets/tree.js)
function panelDrawn() {
  return panelShown() && [...document.querySelectorAll('#detail-panel [data-tree]')].every(
    el => el.__tree === el.getAttribute('data-tree'));
}
// a tap, timed in the page: from the tap to the frame after the panel is drawn (a MutationObserver
// notes it as it happens, so the driver's polling adds nothing to the time)
function tapTarget(i) {
  window.__want = window.__targets[i];
  window.__shownIn = null;
  window.__drawn = false;
  const panel = document.getElementById('detail-panel');
  if (window.__watch) window.__watch.disconnect();
  const start = performance.now();
  window.__watch = new MutationObserver(() => {
    if (window.__shownIn !== null || window.__drawn || !panelDrawn()) return;
    window.__drawn = true;
    window.__watch.disconnect();
    requestAnimationFrame(() => { window.__shownIn = performance.now() - start; });
  });
  window.__watch.observe(panel, {childList: true, subtree: true, attributes: true});
  cy().getElementById(window.__want.id).emit('tap');
}
function shownIn() { return window.__shownIn; }
function panelShown() {
  const want = window.__want;
  const selector = want.kind === 'node' ? `.node-dossier[data-node="${CSS.escape(want.id)}"]`
    : want.kind === 'pair' ? `.dyad-dossier[data-dyad="${CSS.escape(want.pair)}"]`
    : `.edge-dossier[data-edge="${CSS.escape(want.id)}"]`;
  return !!document.querySelector('#detail-panel ' + selector);
}
