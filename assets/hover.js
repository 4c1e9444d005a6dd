// Hover text on the canvas's edges: type, counts and the first sentence (the edge's data 'tip').
// Ids as in ui/ids.py: CANVAS = 'graph-canvas', EDGE_TIP = 'edge-tip'.
(function () {
    const CANVAS = 'graph-canvas';
    const TIP = 'edge-tip';

    function attach(cy) {
        if (cy.__newsgraphHover) { return; }
        cy.__newsgraphHover = true;
        cy.on('mouseover', 'edge', event => {
            const tip = document.getElementById(TIP);
            if (!tip) { return; }
            const p = event.renderedPosition || event.target.renderedMidpoint();
            tip.textContent = event.target.data('tip') || event.target.data('label') || '';
            tip.style.left = `${Math.round(p.x + 14)}px`;
            tip.style.top = `${Math.round(p.y + 14)}px`;
            tip.classList.add('is-shown');
        });
        cy.on('mouseout', 'edge', () => {
            const tip = document.getElementById(TIP);
            if (tip) { tip.classList.remove('is-shown'); }
        });
    }

    new MutationObserver(() => {
        const box = document.getElementById(CANVAS);
        if (box && box._cyreg && box._cyreg.cy) { attach(box._cyreg.cy); }
    }).observe(document.documentElement, {childList: true, subtree: true});
})();
