"""A read held in its worker until the test lets it go: what the window does
meanwhile is what a user gets while a slow read runs (issue 11: reads off the
GUI thread)."""

from __future__ import annotations

import threading


class Gate:
    """Replaces ``module.name`` with a call that waits (at most ``timeout`` s) for
    ``open()``. ``entered``: the call began; ``left``: it returned. Had the call run
    on the GUI thread, the test's input would be handled only after ``left``."""

    def __init__(self, monkeypatch, module, name: str, timeout: float = 5.0):
        self.entered, self.opened, self.left = threading.Event(), threading.Event(), threading.Event()
        real = getattr(module, name)

        def gated(*args, **kwargs):
            self.entered.set()
            self.opened.wait(timeout)
            try:
                return real(*args, **kwargs)
            finally:
                self.left.set()

        monkeypatch.setattr(module, name, gated)

    def open(self) -> None:
        self.opened.set()
