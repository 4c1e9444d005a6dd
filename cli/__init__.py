"""The top floor: the `newsgraph` command and the benchmark, the only code that sees graph/, ui/ and app.

Import direction is ``cli -> app -> ui -> graph``; nothing below imports from here.
"""
import ui.runtime  # noqa: F401,E402  (before numpy: see there)
