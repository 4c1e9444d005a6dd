"""Callbacks that write or send: curation, uploads (checked in the page first) and exports."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dash import ALL, Input, Output, State, no_update

from graph.curation import can_redo, can_undo, describe, history
from graph.export import render
from ui import ids
from ui.callbacks.wiring import FILTER_STATES, Declared, clientside, declarer, fired
from ui.corpus import Corpus
from ui.source import CorpusSource
from ui.curation_view import curation_action, merge_action
from ui.elements import parse_edge_id
from ui.articles import upload_progress_line, upload_report
from ui.styles import entity_colour
from ui.uploads import decode_contents, safe_name

CALLBACKS: list[Declared] = []
callback = declarer(CALLBACKS)

EXPORT_TYPES = {"json": "application/json", "graphml": "application/xml", "gexf": "application/xml",
                "csv": "text/csv"}


@callback(Output(ids.VERSION_STORE, "data"), Output(ids.STATUS, "children"), Output(ids.STATUS, "className"),
          Output(ids.SELECTION_STORE, "data", allow_duplicate=True),
          Output(ids.MERGE_DROP, "value", allow_duplicate=True),
          inputs=dict(curate_clicks=Input(ids.CLICKED + ids.CURATE_ACTION, "data"),
                      merge_clicks=Input(ids.MERGE_BUTTON, "n_clicks"), undo_clicks=Input(ids.UNDO_BUTTON, "n_clicks"),
                      redo_clicks=Input(ids.REDO_BUTTON, "n_clicks")),
          state=dict(rename_values=State({"type": ids.RENAME_INPUT, "target": ALL}, "value"),
                     keep=State(ids.MERGE_KEEP, "value"), drop=State(ids.MERGE_DROP, "value"),
                     selection=State(ids.SELECTION_STORE, "data")),
          prevent_initial_call=True)
def curate(curate_clicks, merge_clicks, undo_clicks, redo_clicks, rename_values, keep, drop, selection, *,
           source: CorpusSource) -> tuple:
    """Keep a curation change in the store's log: merge, rename, reject, confirm, undo or redo.

    Outputs: the corpus version, the status text and class, the selection (moved to the
    kept actor after a merge), and the merge form's "merge away" value (cleared after one).
    """
    trigger, _, value = fired()
    nothing = (no_update,) * 5
    if trigger is None or not value:
        return nothing
    if refused := source.refusal():
        return no_update, refused, "status is-error", no_update, no_update
    corpus = source.current()
    if isinstance(trigger, dict) and trigger.get("action") == "undo":  # the panel's Undo after a rejection
        trigger = ids.UNDO_BUTTON
    if trigger in (ids.UNDO_BUTTON, ids.REDO_BUTTON):
        op = "undo" if trigger == ids.UNDO_BUTTON else "redo"
        if not (can_undo if op == "undo" else can_redo)(corpus.log):
            return no_update, f"Nothing to {op}.", "status", no_update, no_update
        done = describe(_last_changed(corpus.log, op), labels=corpus.labels_before)
        updated = source.curate({"op": op})
        return updated.version, f"{'Undone' if op == 'undo' else 'Redone'}: {done}", "status is-ok", no_update, \
            no_update
    if trigger == ids.MERGE_BUTTON:
        action = merge_action(keep, drop)
        if action is None:
            return no_update, "Choose two different actors to merge.", "status is-error", no_update, no_update
    elif isinstance(trigger, dict) and trigger.get("type") == ids.CURATE_ACTION:
        what = str(trigger.get("action"))
        action = curation_action(what, str(trigger.get("target")),
                                 value=sentence_at(corpus, str(trigger.get("target"))) if what == "reject-sentence"
                                 else next(iter(rename_values or []), None))
        if action is None:
            message = "Type a name first." if what == "rename" else "That sentence is no longer in the graph."
            return no_update, message, "status is-error", no_update, no_update
    else:
        return nothing
    updated = source.curate(action)
    message = describe(action, labels=corpus.labels_before) + " · Undo takes it back."
    skipped = [s for s in updated.skipped if s.action == action]
    if skipped:
        message = f"Could not apply: {describe(action, labels=corpus.labels_before)} — {skipped[-1].reason}"
    new_selection = no_update
    if action["op"] == "merge" and not skipped:
        new_selection = {"kind": "node", "id": action["keep"], "via": "link",
                         "nonce": int((selection or {}).get("nonce", 0)) + 1}
    return (updated.version, message, "status is-error" if skipped else "status is-ok", new_selection,
            None if action["op"] == "merge" else no_update)


def sentence_at(corpus: Corpus, target: str) -> str | None:
    """The text of the sentence a "reject this sentence" button names (``<edge id>@<doc id>@<start>``)."""
    edge, _, rest = target.partition("@")
    doc_id, _, start = rest.partition("@")
    parts = parse_edge_id(edge)
    attrs = corpus.edge_attributes(*parts) if parts else None
    if attrs is None:
        return None
    for ev in attrs.get("evidence") or ():
        if str(ev.get("doc_id")) == doc_id and str(int(ev.get("start") or 0)) == start:
            return str(ev.get("sentence") or "") or None
    return None


def _last_changed(log: Sequence[dict], op: str) -> dict:
    """The action an undo would take back (or a redo bring back)."""
    entries = history(log)
    if op == "undo":
        return next((a for a, active in reversed(entries) if active), {})
    return next((a for a, active in entries if not active), {})


@callback(Output(ids.UPLOAD_REPORT, "children"), Output(ids.STATUS, "children", allow_duplicate=True),
          Output(ids.STATUS, "className", allow_duplicate=True), Output(ids.UPLOAD_JOB, "data"),
          Output(ids.UPLOAD_POLL, "disabled", allow_duplicate=True),
          inputs=dict(queue=Input(ids.UPLOAD_QUEUE, "data")),
          prevent_initial_call=True)
def upload(queue, *, source: CorpusSource) -> tuple:
    """Read and check uploaded files, queue them for parsing and answer at once.

    `queue` is what the browser's size check passed on: ``{"contents": [...], "filenames": [...]}``.
    The batch is parsed by the source's worker thread; :func:`upload_progress` follows it.
    Outputs: the progress line (where the report will be), the status text and class, the
    job the page follows, and whether the page stops polling.
    """
    contents, filenames = (queue or {}).get("contents"), (queue or {}).get("filenames")
    if not contents:
        return (no_update,) * 5
    if refused := source.refusal():
        return no_update, refused, "status is-error", no_update, no_update
    uploads, errors = decode_contents(contents, filenames)
    batch = source.read_batch(uploads, errors=errors)
    order = {safe_name(n): i for i, n in reversed(list(enumerate(filenames or [])))}
    job = source.jobs.submit(batch, files=batch.files, order=order)
    files = f"{batch.files} file{'s' if batch.files != 1 else ''}"
    return upload_progress_line(job), f"Upload queued: {files}.", "status", {"job": job.id}, False


@callback(Output(ids.UPLOAD_REPORT, "children", allow_duplicate=True),
          Output(ids.VERSION_STORE, "data", allow_duplicate=True),
          Output(ids.STATUS, "children", allow_duplicate=True), Output(ids.STATUS, "className", allow_duplicate=True),
          Output(ids.UPLOAD_POLL, "disabled"),
          inputs=dict(ticks=Input(ids.UPLOAD_POLL, "n_intervals")),
          state=dict(job=State(ids.UPLOAD_JOB, "data")),
          prevent_initial_call=True)
def upload_progress(ticks, job, *, source: CorpusSource) -> tuple:
    """Follow the page's upload job: its progress while queued or parsing, then the report.

    Outputs: the progress line or the report, the corpus version, the status text and class,
    and whether the page stops polling (once the job is done or unknown).
    """
    found = source.jobs.get((job or {}).get("job")) if source.store_path is not None else None
    if found is None:
        return no_update, no_update, no_update, no_update, True
    if found.state != "done":
        return upload_progress_line(found), no_update, no_update, no_update, False
    outcome = found.outcome
    order = found.order
    outcome = replace(outcome, errors=tuple(sorted(outcome.errors, key=lambda e: order.get(e.path, len(order)))))
    added = outcome.added + outcome.replaced
    status = (f"Added {added} article{'s' if added != 1 else ''}" if added else "No article added") + (
        f"; {len(outcome.errors)} file problem{'s' if len(outcome.errors) != 1 else ''} listed in the Articles tab"
        if outcome.errors else "") + "."
    return (upload_report(outcome), found.version or no_update, status,
            "status is-ok" if added and not outcome.errors else "status is-error" if outcome.errors else "status",
            True)


@callback(Output(ids.DOWNLOAD, "data"),
          inputs=dict(clicks=Input(ids.EXPORT_BUTTON, "n_clicks")),
          state=dict(fmt=State(ids.EXPORT_FORMAT, "value"), **FILTER_STATES, hops=State(ids.HOPS_SLIDER, "value"),
                     view=State(ids.VIEW_STORE, "data"), selection=State(ids.SELECTION_STORE, "data")),
          prevent_initial_call=True)
def export(clicks, fmt, relations, types, dates, min_articles, hops, view, selection, *, source: CorpusSource,
           contested=None):
    """Download the current view (filters and focus applied) as JSON, GraphML, GEXF or CSV."""
    if not clicks or fmt not in EXPORT_TYPES:
        return no_update
    corpus = source.current()
    f = corpus.filters(relations, types, dates, min_articles, contested)
    spec = corpus.view_spec(view, hops)
    g = corpus.export_graph(f, spec, selection)
    positions = corpus.view(f, spec, selection).positions or corpus.positions
    return {"content": render(with_colours(g, positions), fmt), "filename": f"newsgraph.{fmt}",
            "type": EXPORT_TYPES[fmt]}


def with_colours(g, positions=None):
    """Return a copy of the graph whose nodes carry their canvas colour as hex and, when given,
    their place on the canvas as ``x``, ``y`` (for Gephi and friends)."""
    out = g.copy()
    for n, d in out.nodes(data=True):
        d["colour"] = entity_colour(d.get("type"))
        if positions and n in positions:
            d["x"], d["y"] = float(positions[n]["x"]), float(positions[n]["y"])
    return out


# The page checks a batch's size before sending it: the server refuses an over-large request (413).
clientside(CALLBACKS, "checkUpload", Output(ids.UPLOAD_QUEUE, "data"), Output(ids.UPLOAD_LIMIT, "children"),
           Output(ids.UPLOAD, "contents"),
           inputs=[Input(ids.UPLOAD, "contents")], state=[State(ids.UPLOAD, "filename"), State(ids.UPLOAD_QUEUE, "data")],
           prevent_initial_call=True)
