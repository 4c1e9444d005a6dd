// Clientside callbacks of the explorer, called from ui/callbacks through ClientsideFunction.
// Ids used here are those of ui/ids.py: CANVAS = 'graph-canvas', CANVAS_KEY = 'canvas-key',
// DBLTAP_STORE = 'dbltap-store', TAB_GATE = 'gate-'.
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

        // The legend's entries: each relation type and actor type drawn, with its canvas colour.
        const legendEntries = (cy, names) => {
            const seen = new Map();
            cy.edges().forEach(e => {
                const r = e.data('relation');
                if (!seen.has('r:' + r)) {
                    seen.set('r:' + r, {kind: 'relation', colour: e.style('line-color'),
                                        label: (names.relations || {})[r] || String(r).replace(/_/g, ' ')});
                }
            });
            cy.nodes().forEach(n => {
                const t = n.data('type');
                if (!seen.has('t:' + t)) {
                    seen.set('t:' + t, {kind: 'type', colour: n.style('background-color'),
                                        label: (names.types || {})[t] || String(t)});
                }
            });
            return Array.from(seen.values());
        };

        const wrap = (ctx, text, width) => {
            const lines = [];
            let line = '';
            String(text).split(' ').forEach(word => {
                const next = line ? line + ' ' + word : word;
                if (ctx.measureText(next).width > width && line) { lines.push(line); line = word; } else { line = next; }
            });
            if (line) { lines.push(line); }
            return lines;
        };

        // The picture of the canvas with a title and caption above and a legend below.
        const briefingImage = (cy, img, briefing, s) => {
            const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
            const pad = 24 * s, width = Math.max(img.width, 960 * s) + 2 * pad;
            const out = document.createElement('canvas');
            const ctx = out.getContext('2d');
            ctx.font = `${13 * s}px ${font}`;
            const caption = wrap(ctx, briefing.caption || '', width - 2 * pad);
            const entries = legendEntries(cy, briefing);
            const keys = ['arrow: subject \u2192 object', 'width: articles', 'dash-dot: one article', 'dashed: negated'];
            const cell = 190 * s, perRow = Math.max(1, Math.floor((width - 2 * pad) / cell));
            const legendRows = Math.ceil(entries.length / perRow) + 1;
            const top = pad + 28 * s + caption.length * 18 * s + 12 * s;
            const legendTop = top + img.height + 16 * s;
            out.width = width;
            out.height = legendTop + 20 * s + legendRows * 24 * s + pad;
            ctx.fillStyle = '#ffffff';
            ctx.fillRect(0, 0, out.width, out.height);
            ctx.fillStyle = '#1f2933';
            ctx.font = `600 ${20 * s}px ${font}`;
            const title = (document.querySelector('.app-title') || {}).textContent || 'newsgraph';
            ctx.fillText(title, pad, pad + 18 * s);
            ctx.font = `${13 * s}px ${font}`;
            ctx.fillStyle = '#3e4c59';
            caption.forEach((line, i) => ctx.fillText(line, pad, pad + 44 * s + i * 18 * s));
            ctx.drawImage(img, (width - img.width) / 2, top);
            ctx.strokeStyle = '#e4e8ee';
            ctx.lineWidth = s;
            ctx.beginPath();
            ctx.moveTo(pad, legendTop - 6 * s);
            ctx.lineTo(width - pad, legendTop - 6 * s);
            ctx.stroke();
            ctx.font = `600 ${12 * s}px ${font}`;
            ctx.fillStyle = '#1f2933';
            ctx.fillText('Legend', pad, legendTop + 10 * s);
            ctx.font = `${12 * s}px ${font}`;
            entries.forEach((entry, i) => {
                const x = pad + (i % perRow) * cell, y = legendTop + 20 * s + Math.floor(i / perRow) * 24 * s;
                ctx.fillStyle = entry.colour;
                if (entry.kind === 'relation') {
                    ctx.fillRect(x, y + 8 * s, 28 * s, 5 * s);
                } else {
                    ctx.beginPath();
                    ctx.arc(x + 14 * s, y + 10 * s, 7 * s, 0, 2 * Math.PI);
                    ctx.fill();
                }
                ctx.fillStyle = '#1f2933';
                ctx.fillText(entry.label, x + 36 * s, y + 15 * s);
            });
            const y = legendTop + 20 * s + (legendRows - 1) * 24 * s;
            ctx.fillStyle = '#3e4c59';
            ctx.fillText(keys.join('   \u00b7   '), pad, y + 15 * s);
            return out;
        };

        return {
            // Wakes the callbacks of one side tab (ui/callbacks/wiring.py `bind`): its gate store,
            // 'gate-' + the tab's name, changes when the tab is chosen, or when what the tab shows
            // changes while it is open; a tab nobody looks at costs the server no request.
            openTab: function (tab) {
                const out = window.dash_clientside.callback_context.outputs_list;
                const gate = (Array.isArray(out) ? out[0] : out).id;
                if (tab !== gate.slice('gate-'.length)) { return window.dash_clientside.no_update; }
                window.newsgraphGates = (window.newsgraphGates || 0) + 1;
                return window.newsgraphGates;
            },

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

            // Keeps when this visit and the one before began: localStorage across visits, and
            // sessionStorage so that a reload within one tab's session stays the same visit.
            markVisit: function () {
                const KEY = 'newsgraph.visit';
                const now = new Date().toISOString();
                let kept = {};
                try { kept = JSON.parse(window.localStorage.getItem(KEY) || '{}') || {}; } catch (e) { kept = {}; }
                let visit = kept;
                try {
                    if (!window.sessionStorage.getItem(KEY)) {
                        visit = {previous: kept.current || null, current: now};
                        window.localStorage.setItem(KEY, JSON.stringify(visit));
                        window.sessionStorage.setItem(KEY, now);
                    }
                } catch (e) {  // storage refused (private mode): this visit only
                    visit = {previous: kept.current || null, current: now};
                }
                return {previous: visit.previous || null, current: visit.current || now};
            },

            // Marks the edges of "what is new" on the canvas; again once a redraw has settled.
            markNew: function (edges) {
                const wanted = new Set(edges || []);
                const apply = function () {
                    const cy = canvas();
                    if (!cy) { return 0; }
                    cy.batch(function () { cy.edges().forEach(function (e) { e.toggleClass('is-new', wanted.has(e.id())); }); });
                    return cy.edges('.is-new').length;
                };
                setTimeout(apply, 80);
                return apply();
            },

            // Saves the canvas as a PNG for a briefing: the title of the page, the active filters
            // (the caption the server wrote) above the picture, and below it a legend of the
            // relation types and actor types drawn, in the colours the canvas uses.
            exportPng: function (clicks, briefing) {
                const skip = window.dash_clientside.no_update;
                const cy = canvas();
                if (!clicks || !cy) { return skip; }
                const scale = 2;
                const img = new Image();
                img.onload = () => {
                    const out = briefingImage(cy, img, briefing || {}, scale);
                    const link = document.createElement('a');
                    link.href = out.toDataURL('image/png');
                    link.download = 'newsgraph.png';
                    document.body.appendChild(link);
                    link.click();
                    link.remove();
                };
                img.src = cy.png({output: 'base64uri', full: true, scale: scale, bg: '#ffffff'});
                return skip;
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
