"""The Dash side of newsgraph: layout, callbacks and the pure functions behind them.

Import direction is ``cli -> app -> ui -> graph`` (docs/architecture.md); nothing under
``graph/`` imports from here.
"""
