"""The command line fails early and in one line: `build --out` checked before parsing, malformed graphs named."""
from __future__ import annotations

import json

import pytest

from test_robustness import cli  # noqa: E402  (runs `python -m cli` from the project root)

import cli.main as cli_main


def test_build_out_into_a_missing_folder_fails_before_parsing_and_leaves_no_file(tmp_path):
    done = cli("build", "seeds", "--out", str(tmp_path / "no" / "such" / "g.json"), timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"newsgraph: cannot write {tmp_path}/no/such/g.json: "
                                                f"no folder {tmp_path}/no/such"]
    assert not (tmp_path / "no").exists()


def test_build_out_onto_a_folder_fails_before_parsing(tmp_path):
    done = cli("build", "seeds", "--out", str(tmp_path), "--format", "json", timeout=60)
    assert done.returncode == 1 and "it is a folder" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("text, reason", [("[" * 100_000 + "]" * 100_000, "nested too deeply"),
                                          ("{\"nodes\": 3}", "cannot read graph")])
def test_serve_graph_with_a_malformed_graph_says_so_in_one_line(tmp_path, monkeypatch, text, reason):
    path = tmp_path / "g.json"
    path.write_text(text)
    monkeypatch.setattr("app.serve", lambda *a, **k: pytest.fail("served a malformed graph"))
    with pytest.raises(SystemExit) as exit_:
        cli_main.main(["serve", "--graph", str(path)])
    message = str(exit_.value.code)
    assert reason in message and "\n" not in message and "Traceback" not in message


def test_serve_graph_with_integer_node_ids_is_shown(tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"directed": True, "multigraph": True, "graph": {}, "nodes": [{"id": 1}, {"id": 2}],
                                "edges": [{"source": 1, "target": 2, "key": "supports", "relation": "supports"}]}))
    served = []
    monkeypatch.setattr("app.serve", lambda app, **k: served.append(app))
    assert cli_main.main(["serve", "--graph", str(path), "--read-only"]) == 0 and served
