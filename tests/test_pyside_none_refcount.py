"""Guard against PySide6 6.12.0's lost references to None (fatal on Python 3.11).

With that release every call that returns None to Python drops a reference to
None; after a few thousand calls the interpreter aborts with "deallocating
None". pyproject pins PySide6 below 6.12 on Python < 3.12; this test fails if
an installed PySide6 leaks anyway. On Python 3.12+ None is immortal and its
count does not move, so the test passes there as it should.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("PySide6")

CALLS = 2000
ALLOWED_DRIFT = 50  # a few references may come and go with caches; a leak moves thousands

PROBE = f"""
import sys
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, QStringListModel, Qt


class Rows(QAbstractListModel):
    def __init__(self):
        super().__init__()
        self.n = 0

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.n

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None

    def grow(self):
        self.beginInsertRows(QModelIndex(), self.n, self.n)  # returns None
        self.n += 1
        self.endInsertRows()  # returns None


app = QCoreApplication.instance() or QCoreApplication([])
obj = QObject()
child = QObject(obj)
orphan = QObject()
model = QStringListModel(["a", "b", "c"])
index = model.index(1, 0)
unset_role = int(Qt.ItemDataRole.UserRole) + 17
rows = Rows()

def drift(call):
    for _ in range(50):  # warm caches first
        call()
    before = sys.getrefcount(None)
    for _ in range({CALLS}):
        call()
    return sys.getrefcount(None) - before

results = {{
    "QObject.setObjectName": drift(lambda: obj.setObjectName("x")),
    "QCoreApplication.processEvents": drift(QCoreApplication.processEvents),
    "QObject.parent() of a parentless object": drift(orphan.parent),
    "QAbstractItemModel.data() for an unset role": drift(lambda: model.data(index, unset_role)),
    "beginInsertRows/endInsertRows": drift(rows.grow),
}}
for name, d in results.items():
    print(f"{{name}}={{d}}")
"""


def test_none_refcount_does_not_drift():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, (
        f"the probe died (exit {proc.returncode}); PySide6 lost references to None: {proc.stderr[-500:]}")
    drifts = dict(line.rsplit("=", 1) for line in proc.stdout.splitlines() if "=" in line)
    assert len(drifts) == 5, proc.stdout
    leaking = {name: int(d) for name, d in drifts.items() if abs(int(d)) > ALLOWED_DRIFT}
    import PySide6

    assert not leaking, (
        f"PySide6 {PySide6.__version__} on Python {sys.version_info.major}.{sys.version_info.minor} drops "
        f"references to None over {CALLS} calls: {leaking}. Install PySide6 < 6.12 (see pyproject.toml).")
