"""An order's revisions (改单 R1, R2 …) side by side, with what changed."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from ..kit.tab_kit import GREEN, RED, YELLOW, RecordTableModel, fmt_value, make_table
from ..kit.table_model import QT_TR_NOOP

REVISION_COLUMNS = [("label", QT_TR_NOOP("版本")), ("reason", QT_TR_NOOP("改单原因")),
                    ("created_at", QT_TR_NOOP("时间")), ("created_by", QT_TR_NOOP("操作人"))]
LINE_COLUMNS = [("line_no", QT_TR_NOOP("行")), ("style", QT_TR_NOOP("款号")), ("product", QT_TR_NOOP("品名")),
                ("colour", QT_TR_NOOP("颜色")), ("size", QT_TR_NOOP("尺码")), ("quantity", QT_TR_NOOP("数量")),
                ("unit_price", QT_TR_NOOP("单价")), ("remarks", QT_TR_NOOP("备注"))]
DIFF_COLUMNS = [("where", QT_TR_NOOP("位置")), ("field", QT_TR_NOOP("项目")), ("old", QT_TR_NOOP("原来")),
                ("new", QT_TR_NOOP("改为"))]
# header fields shown above each side
SUMMARY_FIELDS = ("delivery_date", "client_po", "currency", "payment_terms", "trade_terms", "client_requirements",
                  "packing", "shipping_marks")


def tr(text: str) -> str:
    return QCoreApplication.translate("RevisionsView", text)


def field_label(name: str) -> str:
    from ...core.errors import current_language
    from ...core.order_input import HEADER_NAMES, LINE_FIELDS

    key = name[:-3] if name.endswith("_id") else name
    pair = HEADER_NAMES.get(key) or LINE_FIELDS.get(key)
    if key == "line":
        pair = ("整行", "whole line")
    if key == "line_no":
        pair = ("行号", "line no.")
    if pair is None:
        return name
    return pair[1] if current_language() == "en" else pair[0]


def where_label(where: str) -> str:
    if where == "header":
        return tr("订单抬头")
    if where.startswith("line "):
        return tr("第 %1 行").replace("%1", where[5:])
    return where


def rev_name(revision: int) -> str:
    return f"R{revision}" if revision else tr("原始版本")


class RevisionsView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.order_id: int | None = None
        self.revisions = RecordTableModel(REVISION_COLUMNS, self)
        self.revisions_view = make_table(self.revisions, self)
        self.revisions_view.setMaximumHeight(120)
        self.from_combo = QComboBox(self)
        self.from_combo.setObjectName("revisionFrom")
        self.to_combo = QComboBox(self)
        self.to_combo.setObjectName("revisionTo")
        self.from_combo.currentIndexChanged.connect(lambda _i: self.compare())
        self.to_combo.currentIndexChanged.connect(lambda _i: self.compare())
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("比较"), self))
        bar.addWidget(self.from_combo)
        bar.addWidget(QLabel(tr("与"), self))
        bar.addWidget(self.to_combo)
        bar.addStretch(1)
        self.old_info = QLabel(self)
        self.new_info = QLabel(self)
        for lbl in (self.old_info, self.new_info):
            lbl.setWordWrap(True)
            lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.old_lines = RecordTableModel(LINE_COLUMNS, self)
        self.new_lines = RecordTableModel(LINE_COLUMNS, self)
        self.diff = RecordTableModel(DIFF_COLUMNS, self)
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        self.line_views = []
        for info, model in ((self.old_info, self.old_lines), (self.new_info, self.new_lines)):
            box = QWidget(sides)
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.addWidget(info)
            view = make_table(model, box)
            self.line_views.append(view)
            v.addWidget(view)
            sides.addWidget(box)
        self.diff_view = make_table(self.diff, self)
        self.diff_view.setObjectName("revisionDiff")
        lay = QVBoxLayout(self)
        lay.addWidget(self.revisions_view)
        lay.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(sides)
        diff_box = QWidget(split)
        v = QVBoxLayout(diff_box)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(QLabel(tr("修改内容"), diff_box))
        v.addWidget(self.diff_view)
        split.addWidget(diff_box)
        lay.addWidget(split, 1)

    def load(self, order_id: int | None) -> None:
        from ...core.revisions import revisions

        self.order_id = order_id
        rows = []
        if order_id:
            for r in revisions(order_id):
                rows.append({"id": r["revision"], "label": rev_name(r["revision"]), "reason": r["reason"],
                             "created_at": r["created_at"], "created_by": r["created_by"]})
        self.revisions.set_rows(rows)
        for combo in (self.from_combo, self.to_combo):
            combo.blockSignals(True)
            combo.clear()
            for r in rows:
                combo.addItem(r["label"], r["id"])
            combo.blockSignals(False)
        self.revisions_view.resizeColumnsToContents()
        if rows:
            self.to_combo.setCurrentIndex(len(rows) - 1)
            self.from_combo.setCurrentIndex(max(0, len(rows) - 2))
        self.compare()

    def compare(self) -> None:
        from ...core.revisions import diff_revisions, revision_snapshot

        a, b = self.from_combo.currentData(), self.to_combo.currentData()
        if self.order_id is None or a is None or b is None:
            for m in (self.old_lines, self.new_lines, self.diff):
                m.set_rows([])
            self.old_info.clear()
            self.new_info.clear()
            return
        old, new = revision_snapshot(self.order_id, a), revision_snapshot(self.order_id, b)
        changes = diff_revisions(self.order_id, a, b) if a != b else []
        changed_cells: dict[tuple[str, int], set[str]] = {}
        added: set[int] = set()
        removed: set[int] = set()
        header_changed = set()
        diff_rows = []
        for where, fld, before, after in changes:
            whole_line = fld == "line"
            diff_rows.append({"where": where_label(where), "field": field_label(fld), "old": before, "new": after,
                              "_bg": (GREEN if before is None else RED if after is None else None) if whole_line
                              else None})
            if where == "header":
                header_changed.add(fld)
            elif fld == "line":
                (added if before is None else removed).add(int(where[5:]))
            else:
                changed_cells.setdefault(("new", int(where[5:])), set()).add(fld)
        self.diff.set_rows(diff_rows)
        self.old_lines.set_rows([dict(ln, _bg=RED if ln["line_no"] in removed else None) for ln in old["lines"]])
        new_rows = []
        for ln in new["lines"]:
            cells = changed_cells.get(("new", ln["line_no"]), set())
            new_rows.append(dict(ln, _bg=GREEN if ln["line_no"] in added else None,
                                 _cell_bg={f: YELLOW for f in cells}))
        self.new_lines.set_rows(new_rows)
        self.old_info.setText(self._summary(old, set()))
        self.new_info.setText(self._summary(new, header_changed))
        for view in self.line_views + [self.diff_view]:
            view.resizeColumnsToContents()

    def _summary(self, snap: dict, changed: set[str]) -> str:
        title = rev_name(snap["revision"]) + (" " + tr("(当前)") if snap["current"] else "")
        parts = [f"<b>{title}</b>"]
        if snap["reason"]:
            parts.append(html.escape(tr("原因:%1").replace("%1", snap["reason"])))
        for f in SUMMARY_FIELDS:
            value = html.escape(fmt_value(snap["header"].get(f)))
            if not value and f not in changed:
                continue
            text = f"{field_label(f)}:{value}"
            parts.append(f"<span style='background:#fff5cc'>{text}</span>" if f in changed else text)
        return "<br>".join(parts)
