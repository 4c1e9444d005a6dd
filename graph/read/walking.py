"""Walking paths: files and folders to the article files in them, bad paths reported; a folder's manifest."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from graph.read.decoding import decode
from graph.read.formats import DEFAULT_MAX_BYTES, json_problem
from graph.read.reports import IngestError, Unreadable, size

MANIFEST_NAME = "manifest.json"


def collect(paths: list[Path]) -> tuple[list[Path], list[IngestError]]:
    """Expand folders into their visible files, reporting missing paths and escaping links."""
    files: list[Path] = []
    errors: list[IngestError] = []
    for path in paths:
        try:
            _collect_one(path, files, errors)
        except OSError as exc:  # a name too long, a folder without permission: that path's line, not the batch's end
            errors.append(IngestError(str(path), f"cannot read: {exc.strerror or type(exc).__name__}"))
    return files, errors


def _collect_one(path: Path, files: list[Path], errors: list[IngestError]) -> None:
    """Add one command-line path to `files` (a folder: its article files) or say in `errors` why not."""
    if path.is_file():
        if path.name != MANIFEST_NAME:
            files.append(path)
    elif path.is_dir():
        before = len(errors)
        found = _walk(path, errors)
        if not found and len(errors) == before:
            errors.append(IngestError(str(path), "folder contains no article files"))
        files.extend(found)
    elif path.exists():  # before the link test: a link to /dev/zero is a device, not a broken link
        errors.append(IngestError(str(path), "not a regular file (a pipe, socket or device); not read"))
    elif path.is_symlink():
        errors.append(IngestError(str(path), "broken symlink (its target is missing, or it points to itself)"))
    else:
        errors.append(IngestError(str(path), "no such file or folder"))


def _walk(root: Path, errors: list[IngestError]) -> list[Path]:
    """List the files under root, skipping hidden entries and reporting links that lead outside
    root or loop, folders that cannot be listed and entries that are not regular files."""
    real_root = Path(os.path.realpath(root))
    found = []

    def unlistable(exc: OSError) -> None:
        errors.append(IngestError(str(exc.filename or root), f"cannot read folder: {exc.strerror or exc}"))

    # os.walk never descends into symlinked folders (no loops); they are judged below.
    for folder, dirs, names in os.walk(root, onerror=unlistable):
        for d in [d for d in dirs if Path(folder, d).is_symlink()]:
            dirs.remove(d)
            if not d.startswith("."):
                problem = _linked_folder_problem(Path(folder, d), real_root)
                if problem:
                    errors.append(IngestError(str(Path(folder, d)), problem))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(folder, name)
            if name.startswith(".") or name == MANIFEST_NAME:
                continue
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):  # missing target, or a loop of links
                    errors.append(IngestError(str(path), "broken symlink (its target is missing, or it "
                                                         "points to itself); not followed"))
                    continue
                if not target.is_relative_to(real_root):
                    errors.append(IngestError(str(path), "symlink points outside the folder; not followed"))
                    continue
            if not path.is_file():
                errors.append(IngestError(str(path), "not a regular file (a pipe, socket or device); not read"))
            else:
                found.append(path)
    return found


def _linked_folder_problem(link: Path, real_root: Path) -> str | None:
    """Why a symlinked folder under root is not followed, or None when its files are read anyway
    (it points to another folder inside root, which the walk reaches by its real path)."""
    target = Path(os.path.realpath(link))
    if not target.is_relative_to(real_root):
        return "symlink points outside the folder; not followed"
    if Path(os.path.realpath(link.parent)).is_relative_to(target):
        return "symlink loop (it points back to a folder that contains it); not followed"
    return None


def load_manifest(folder: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[dict, list[IngestError]]:
    """Read folder/manifest.json as {file name: metadata}; a bad manifest is reported, not fatal."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}, []
    try:
        data = json.loads(decode(read_file_bytes(path, max_bytes)))
    except (Unreadable, ValueError, RecursionError) as exc:
        return {}, [IngestError(str(path), f"manifest not read: {json_problem(exc)}")]
    except OSError as exc:
        return {}, [IngestError(str(path), f"manifest not read: {exc.strerror or exc}")]
    if not isinstance(data, dict):
        return {}, [IngestError(str(path), "manifest must be a JSON object keyed by file name")]
    return {k: v for k, v in data.items() if not k.startswith("_") and isinstance(v, dict)}, []


READ_ATTEMPTS = 3


def read_file_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most max_bytes (checked before reading, and while).

    A file whose size or modification time changes while it is read is read again; one that
    keeps changing is refused, never kept torn.
    """
    for _ in range(READ_ATTEMPTS):
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a pipe would block the read forever
            raise Unreadable("not a regular file (a pipe, socket or device); not read")
        if st.st_size > max_bytes:
            raise Unreadable(f"file is {size(st.st_size)}, above the {size(max_bytes)} limit")
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
            after = os.fstat(f.fileno())
        if len(data) > max_bytes:  # it grew since the stat
            raise Unreadable(f"file is over {size(max_bytes)}, above the {size(max_bytes)} limit")
        if (after.st_ino, after.st_size, after.st_mtime_ns) == (st.st_ino, st.st_size, st.st_mtime_ns) \
                and len(data) == st.st_size:
            return data
    raise Unreadable("file changed while it was read (it is being written?); not stored, read it again later")
