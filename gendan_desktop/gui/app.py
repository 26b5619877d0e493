"""Application start-up (placeholder until the main window lands)."""

from __future__ import annotations


def run(db_url: str | None = None, lang: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    from ..core.db import describe, open_database

    db = open_database(db_url)
    app = QApplication.instance() or QApplication([])
    label = QLabel(f"跟单桌面 — {describe(db.gendan_url)}")
    label.resize(640, 400)
    label.show()
    return app.exec()
