// Accessibility of the page, kept up as Dash re-renders it (ids as in ui/ids.py).
// - The side tabs (dcc.Tabs draws plain divs) become a tablist of tabs: reachable with Tab,
//   operated with Enter or Space, moved through with the arrow keys, Home and End.
// - The canvas is named for screen readers, pointing to the actor search as its keyboard path.
// - Controls Dash draws without a name get the name of their sidebar section; checklists are
//   groups of checkboxes (not listboxes of options holding inputs); the hidden focus catchers of
//   dropdowns leave the tab order; the document says its language.
(function () {
    const TABS = 'side-tabs';
    const CANVAS = 'graph-canvas';
    const SEARCH = 'entity-search';

    function sectionName(el) {
        const section = el.closest('.side-section');
        const title = section && section.querySelector('.sidebar-title');
        return title ? title.textContent.trim() : '';
    }

    function setAttr(el, name, value) {
        if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
    }

    function tabs() {
        const root = document.getElementById(TABS);
        if (!root) { return; }
        const first = root.querySelector('.tab');
        const bar = first && first.parentElement;
        if (!bar) { return; }
        setAttr(bar, 'role', 'tablist');
        setAttr(bar, 'aria-label', 'Panels');
        bar.querySelectorAll('.tab').forEach(tab => {
            const selected = tab.classList.contains('tab--selected');
            setAttr(tab, 'role', 'tab');
            setAttr(tab, 'aria-selected', selected ? 'true' : 'false');
            setAttr(tab, 'tabindex', selected ? '0' : '-1');
            if (!tab.dataset.keys) {
                tab.dataset.keys = '1';
                tab.addEventListener('keydown', onTabKey);
            }
        });
        const content = (root.parentElement || root).querySelector('.tab-content');
        if (content) { setAttr(content, 'role', 'tabpanel'); setAttr(content, 'tabindex', '-1'); }
    }

    function onTabKey(event) {
        const all = Array.from(event.currentTarget.parentElement.querySelectorAll('.tab'));
        const at = all.indexOf(event.currentTarget);
        let next = null;
        if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            event.currentTarget.click();
            return;
        }
        if (event.key === 'ArrowRight') { next = all[(at + 1) % all.length]; }
        if (event.key === 'ArrowLeft') { next = all[(at - 1 + all.length) % all.length]; }
        if (event.key === 'Home') { next = all[0]; }
        if (event.key === 'End') { next = all[all.length - 1]; }
        if (next) {
            event.preventDefault();
            next.click();  // automatic activation: the arrow keys open the tab they reach
            next.focus();
        }
    }

    function canvas() {
        const box = document.getElementById(CANVAS);
        if (!box) { return; }
        setAttr(box, 'role', 'img');
        setAttr(box, 'aria-roledescription', 'graph');
        setAttr(box, 'aria-label', 'Graph of actors and the relations between them. From the keyboard, '
                + 'reach an actor with "Search an actor" at the top of the page; its dossier opens in the panel.');
        box.querySelectorAll('canvas').forEach(c => setAttr(c, 'aria-hidden', 'true'));
        const search = document.getElementById(SEARCH);
        const input = search && search.querySelector('input:not(.dash-dropdown-focus-target)');
        if (input) { setAttr(input, 'aria-label', 'Search an actor'); }
    }

    function controls() {
        if (document.documentElement.getAttribute('lang') !== 'en') { document.documentElement.setAttribute('lang', 'en'); }
        document.querySelectorAll('.dash-checklist, .dash-radioitems, [role="listbox"]').forEach(list => {
            const radio = !!list.querySelector('input[type="radio"]');
            if (!radio && !list.querySelector('input[type="checkbox"]')) { return; }
            setAttr(list, 'role', radio ? 'radiogroup' : 'group');
            const label = list.id && document.getElementById(list.id + '-label');
            const name = (label && label.textContent.trim()) || sectionName(list) || list.id;
            if (name) { setAttr(list, 'aria-label', name); }
            list.querySelectorAll('[role="option"]').forEach(o => {
                o.removeAttribute('role');
                o.removeAttribute('aria-selected');
            });
        });
        document.querySelectorAll('#upload input[type="file"]').forEach(f => setAttr(f, 'aria-label', 'Add articles'));
        document.querySelectorAll('[role="slider"]').forEach(thumb => {
            if (!thumb.getAttribute('aria-label') && !thumb.getAttribute('aria-labelledby')) {
                const name = sectionName(thumb);
                if (name) { thumb.setAttribute('aria-label', name); }
            }
        });
        document.querySelectorAll('.dash-dropdown-focus-target[aria-hidden="true"]').forEach(t => {
            setAttr(t, 'tabindex', '-1');
        });
        document.querySelectorAll('.dash-dropdown').forEach(d => {
            const box = d.closest('[id]');
            const placeholder = d.querySelector('.dash-dropdown-placeholder, .dash-dropdown-value');
            const trigger = d.querySelector('button, [role="combobox"]');
            if (trigger && !trigger.getAttribute('aria-label')) {
                const name = (placeholder && placeholder.textContent.trim()) || sectionName(d) || (box && box.id) || '';
                if (name) { trigger.setAttribute('aria-label', name); }
            }
        });
    }

    let queued = false;
    function apply() {
        queued = false;
        tabs();
        canvas();
        controls();
    }
    function schedule() {
        if (!queued) { queued = true; window.requestAnimationFrame(apply); }
    }
    new MutationObserver(schedule).observe(document.documentElement, {childList: true, subtree: true,
                                                                      attributes: true, attributeFilter: ['class']});
    document.addEventListener('DOMContentLoaded', schedule);
    schedule();
})();
