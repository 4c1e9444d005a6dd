"""`newsgraph serve FOLDER` keeps a store in the cache, so uploads and curation work there too."""
from __future__ import annotations

import app as app_module
from cli import main as cli_main
from tests.helpers import write_file


def test_serve_folder_keeps_its_articles_in_a_cache_store_that_can_be_written(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "news"
    write_file(folder / "a.txt", "Turkey criticized Russia over Idlib.\n\nTurkey criticized Russia over Idlib on Monday.")
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "cache"))
    served = []
    monkeypatch.setattr(app_module, "serve", lambda app, **k: served.append(app))

    assert cli_main.main(["serve", str(folder), "--no-secret"]) == 0
    (store,) = (tmp_path / "cache").glob("folder-*.db")
    err = capsys.readouterr().err
    assert f"these articles are kept in {store}" in err and "uploads and curation are saved there" in err
    layout = served[0].layout() if callable(served[0].layout) else served[0].layout
    upload = layout_component(layout, "upload")
    assert upload is not None and upload.disabled is False  # the page can add articles

    assert cli_main.main(["serve", str(folder), "--no-secret"]) == 0  # the same folder, the same store
    assert list((tmp_path / "cache").glob("folder-*.db")) == [store]


def test_serve_folder_without_a_writable_cache_serves_read_only_and_says_how_to_write(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "news"
    write_file(folder / "a.txt", "Turkey criticized Russia over Idlib.\n\nTurkey criticized Russia on Monday.")
    blocker = write_file(tmp_path / "not-a-folder", "x")
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(app_module, "serve", lambda app, **k: None)

    assert cli_main.main(["serve", str(folder), "--no-secret"]) == 0
    assert "serving read-only: uploads and curation need `--db FILE`" in capsys.readouterr().err


def layout_component(component, wanted):
    """The component with id `wanted` in a Dash layout (None when there is none)."""
    if getattr(component, "id", None) == wanted:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found = layout_component(child, wanted)
            if found is not None:
                return found
    return None
