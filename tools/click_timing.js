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
function tapTarget(i) { window.__want = window.__targets[i]; cy().getElementById(window.__want.id).emit('tap'); }
function panelShown() {
  const want = window.__want;
  const selector = want.kind === 'node' ? `.node-dossier[data-node="${CSS.escape(want.id)}"]`
    : want.kind === 'pair' ? `.dyad-dossier[data-dyad="${CSS.escape(want.pair)}"]`
    : `.edge-dossier[data-edge="${CSS.escape(want.id)}"]`;
  return !!document.querySelector('#detail-panel ' + selector);
}
