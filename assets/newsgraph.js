// Clientside callbacks of the explorer, called from ui/callbacks through ClientsideFunction.
// Ids used here are those of ui/ids.py: CANVAS = 'graph-canvas', CANVAS_KEY = 'canvas-key',
// DBLTAP_STORE = 'dbltap-store'.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    newsgraph: (function () {
        const CANVAS = 'graph-canvas';
        const CANVAS_KEY = 'canvas-key';
        const DBLTAP_STORE = 'dbltap-store';
        const FOCUS_MAX_ZOOM = 1.15;

        const canvas = () => {
            const box = document.getElementById(CANVAS);
            return box && box._cyreg && box._cyreg.cy;
        };

        return {
            // Checks the size of the files chosen for upload before anything is sent: the server
            // refuses a request above its limit (413) with nothing the page could show. A batch
            // within the limit goes to the upload queue (and on to the server); the upload's
            // contents are cleared either way, so the same file can be chosen again.
            checkUpload: function (contents, filenames, queue) {
                const skip = window.dash_clientside.no_update;
                if (!contents || !contents.length) { return [skip, skip, skip]; }
                const limit = (queue && queue.limit) || 0;
                const total = contents.reduce((n, c) => n + (c ? c.length : 0), 0);
                if (limit && total > limit) {
                    const size = (chars) => {  // base64 is 4 characters for 3 bytes
                        const bytes = chars * 3 / 4;
                        return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} kB`;
                    };
                    const files = contents.length === 1 ? 'this file comes' : `these ${contents.length} files come`;
                    return [skip, `Nothing was uploaded: ${files} to ${size(total)}, and one upload takes at most `
                                  + `${size(limit)}. Send them in smaller groups.`, null];
                }
                return [{limit: limit, contents: contents, filenames: filenames}, '', null];
            },

            // Moves the camera. A new selection made by search, a link, a chart or the URL (not by
            // a tap, which would move the graph under the pointer) is centred, zooming in no
            // further than FOCUS_MAX_ZOOM; when the canvas shows a new view (a focus, a filter)
            // the whole view is fitted. The selection's nonce makes each selection move the
            // camera once.
            moveCamera: function (selection, key, done) {
                const skip = window.dash_clientside.no_update;
                const cy = canvas();
                if (!cy) { return skip; }
                const fresh = selection && selection.via !== 'tap' && selection.nonce !== done;
                let eles = cy.collection();
                if (fresh) {
                    if (selection.kind === 'node' || selection.kind === 'edge') {
                        const ele = cy.getElementById(selection.id);
                        if (!ele.empty()) { eles = ele.isNode() ? ele.closedNeighborhood() : ele.union(ele.connectedNodes()); }
                    } else if (selection.kind === 'dyad') {
                        selection.id.split(',').forEach(id => { eles = eles.union(cy.getElementById(id)); });
                    } else if (selection.kind === 'path') {
                        eles = cy.elements('.on-path');
                    }
                }
                const triggered = window.dash_clientside.callback_context.triggered.map(t => t.prop_id);
                if (eles.empty()) {
                    if (triggered.indexOf(CANVAS_KEY + '.data') >= 0) {
                        cy.animate({fit: {eles: cy.elements(), padding: 48}, duration: 300});
                    }
                    return fresh && !cy.getElementById(selection.id).empty() ? selection.nonce : skip;
                }
                const bb = eles.boundingBox(), pad = 90;
                const zoom = Math.min(Math.max(FOCUS_MAX_ZOOM, cy.zoom()), (cy.width() - 2 * pad) / Math.max(bb.w, 1),
                                      (cy.height() - 2 * pad) / Math.max(bb.h, 1));
                const pan = {x: cy.width() / 2 - zoom * (bb.x1 + bb.x2) / 2,
                             y: cy.height() / 2 - zoom * (bb.y1 + bb.y2) / 2};
                cy.animate({zoom: zoom, pan: pan, duration: 350});
                return selection.nonce;
            },

            // Opens or closes the filter drawer (narrow screens); returns the sidebar's class.
            toggleDrawer: function (clicks, className) {
                if (!clicks) { return window.dash_clientside.no_update; }
                const open = (className || '').split(' ').indexOf('is-open') < 0;
                return open ? 'sidebar is-open' : 'sidebar';
            },

            // Fits the whole view on the canvas.
            fitView: function (clicks) {
                const cy = canvas();
                if (cy && clicks) { cy.animate({fit: {eles: cy.elements(), padding: 48}, duration: 300}); }
                return window.dash_clientside.no_update;
            },

            // cytoscape.js emits 'dbltap', which dash-cytoscape does not pass on: listen once and
            // hand the node to the server through a store.
            listenDoubleTap: function (key) {
                const attach = (tries) => {
                    const cy = canvas();
                    if (!cy) { if (tries > 0) { setTimeout(() => attach(tries - 1), 100); } return; }
                    if (cy.scratch('_newsgraph_dbltap')) { return; }
                    cy.scratch('_newsgraph_dbltap', true);
                    cy.on('dbltap', 'node', (evt) => window.dash_clientside.set_props(
                        DBLTAP_STORE, {data: {id: evt.target.id(), at: Date.now()}}));
                };
                attach(50);
                return window.dash_clientside.no_update;
            },
        };
    })(),
});
