"""The clientside functions in assets/ name the components of ui/ids.py, and every one declared exists."""
from __future__ import annotations

import re
from pathlib import Path

from ui import ids
from ui.callbacks import CALLBACKS
from ui.callbacks.canvas import CALLBACKS as CANVAS_CALLBACKS
from ui.callbacks.writing import CALLBACKS as WRITING_CALLBACKS
from ui.callbacks.wiring import NAMESPACE

SCRIPT = (Path(__file__).resolve().parent.parent / "assets" / "newsgraph.js").read_text(encoding="utf-8")


def test_the_script_names_the_ids_of_ui_ids():
    assert f"const CANVAS = '{ids.CANVAS}';" in SCRIPT
    assert f"const CANVAS_KEY = '{ids.CANVAS_KEY}';" in SCRIPT
    assert f"const DBLTAP_STORE = '{ids.DBLTAP_STORE}';" in SCRIPT


def test_every_clientside_function_declared_is_defined_in_the_namespace():
    assert f"{NAMESPACE}: (function" in SCRIPT
    names = {d.function.function_name for d in [*CALLBACKS, *CANVAS_CALLBACKS, *WRITING_CALLBACKS]
             if not callable(d.function)}
    assert names == {"checkUpload", "moveCamera", "fitView", "listenDoubleTap"}
    for name in names:
        assert re.search(rf"\b{name}: function \(", SCRIPT), name
