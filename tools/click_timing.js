// Page-side helpers of tools/click_timing.py; each call evaluates this file, then one of these.
function cy() { const box = document.getElementById('graph-canvas'); return box && box._cyreg && box._cyreg.cy; }
function canvasReady() { const c = cy(); return !!(c && c.edges().length); }
function heaviestEdge() {
  const e = cy().edges().max(e => e.data('weight') || 0).ele;
  window.__tapped = e.id();
  return [e.id(), e.data('weight')];
}
function tapHeaviest() { cy().getElementById(window.__tapped).emit('tap'); }
function panelShown() {
  const t = document.querySelector('#detail-panel .edge-dossier');
  return !!(t && t.getAttribute('data-edge') === window.__tapped && t.querySelector('.evidence-list .evidence'));
}
