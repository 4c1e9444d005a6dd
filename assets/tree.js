// Folded panels (ui/folding.py): an element whose children came as JSON in its data-tree attribute
// gets them drawn here, each element made with createElement and each string as a text node (never
// HTML). A click on a folded link (data-link: its pattern id) sets the store 'clicked-' + its type,
// which the callbacks read as the link's click (ids.CLICKED in ui/ids.py).
(function () {
    const TAGS = new Set(('a abbr article b blockquote br button caption cite code dd details div dl dt em ' +
        'figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i label li mark nav ol p pre q section small ' +
        'span strong sub summary sup table tbody td tfoot th thead time tr ul').split(' '));
    const ATTRIBUTES = new Set(['class', 'title', 'role', 'for', 'tabindex', 'open', 'disabled', 'hidden',
        'target', 'rel', 'lang', 'dir', 'colspan', 'rowspan', 'scope', 'datetime']);
    const CLICKED = 'clicked-';
    let clicks = 0;

    function build(node) {
        if (!Array.isArray(node)) { return document.createTextNode(String(node)); }
        const [tag, attributes, ...children] = node;
        if (!TAGS.has(tag)) { return document.createTextNode(''); }
        const el = document.createElement(tag);
        for (const [key, value] of Object.entries(attributes || {})) {
            if (value === false || value === null || value === undefined) { continue; }
            if (key === 'style' && typeof value === 'object') {
                for (const [prop, v] of Object.entries(value)) {
                    if (prop.startsWith('--')) { el.style.setProperty(prop, String(v)); } else { el.style[prop] = String(v); }
                }
            } else if (key === 'href') {
                el.setAttribute('href', window.dash_clientside.clean_url(String(value)));
            } else if (ATTRIBUTES.has(key) || key.startsWith('data-') || key.startsWith('aria-')) {
                el.setAttribute(key, value === true ? '' : String(value));
            }
        }
        if (tag === 'button') { el.type = 'button'; }
        for (const child of children) { el.appendChild(build(child)); }
        return el;
    }

    function draw(el) {
        const source = el.getAttribute('data-tree');
        if (source === null || (el.__tree === source && el.__drawn && el.__drawn.every(n => n.parentNode === el))) {
            return;
        }
        let nodes;
        try { nodes = JSON.parse(source); } catch (err) { return; }
        const made = (Array.isArray(nodes) ? nodes : []).map(build);
        el.replaceChildren(...made);
        el.__tree = source;
        el.__drawn = made;
    }

    function drawWithin(root) {
        if (root.hasAttribute('data-tree')) { draw(root); }
        root.querySelectorAll('[data-tree]').forEach(draw);
    }

    new MutationObserver(records => {
        for (const r of records) {
            if (r.type === 'attributes') { draw(r.target); continue; }
            for (const n of r.addedNodes) { if (n.nodeType === 1) { drawWithin(n); } }
            if (r.target.nodeType === 1 && r.target.hasAttribute('data-tree')) { draw(r.target); }
        }
    }).observe(document.documentElement, {childList: true, subtree: true, attributes: true,
                                          attributeFilter: ['data-tree']});

    document.addEventListener('click', event => {
        const link = event.target.closest && event.target.closest('[data-link]');
        if (!link || link.disabled) { return; }
        let id;
        try { id = JSON.parse(link.getAttribute('data-link')); } catch (err) { return; }
        if (!id || typeof id.type !== 'string') { return; }
        clicks += 1;
        window.dash_clientside.set_props(CLICKED + id.type, {data: {id, n: clicks}});
    });
})();
