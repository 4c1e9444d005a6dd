"""The Dash side of newsgraph: layout, callbacks and the pure functions behind them.

Import direction is ``app -> ui -> graph``; nothing under ``graph/`` imports from here.
"""
