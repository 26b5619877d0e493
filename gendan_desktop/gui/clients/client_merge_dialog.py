"""合并客户: the dialog the client archive opens for two selected clients.

The user picks which client stays; core.client_merge.merge_clients moves
everything of the other one to it in one transaction. For a pair listed as
look-alikes the dialog also offers "not the same company", which takes the
pair off the review list.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QRadioButton, QWidget

from ..kit.tab_kit import FormDialog, open_dialog, run_change

# A merge moves records of every kind: every list reloads.
MERGE_KINDS = frozenset({"client", "contact", "followup", "visit", "dispatch", "quotation", "sample", "order",
                         "shipment", "payment", "complaint", "*"})


def tr(text: str) -> str:
    return QCoreApplication.translate("ClientMerge", text)


def _table_label(table: str) -> str:
    return {"order": tr("订单"), "contact": tr("联系人"), "follow_up": tr("跟进记录"), "visit": tr("来访"),
            "dispatch": tr("寄送"), "quotation": tr("报价单"), "sample": tr("样品"), "payment": tr("收款"),
            "client_tag": tr("标签")}.get(table, table)


def _details(c: dict) -> str:
    parts = [p for p in (c["country"], c["email"], c["phone"]) if p]
    moves = tr("、").join(f"{_table_label(t)} {n}" for t, n in sorted(c["moves"].items())) or tr("无")
    return " · ".join(parts + [tr("名下:%1").replace("%1", moves)])


class MergeClientsDialog(FormDialog):
    """Two clients side by side; the checked one stays. ``done_ok`` carries the MergeResult."""

    def __init__(self, parent: QWidget, candidates: list[dict]):
        super().__init__(parent, "merge_clients.ui", tr("合并客户"), self._make_call, MERGE_KINDS,
                         ok_text=tr("合并"))
        self.candidates = candidates
        for key, c in zip("ab", candidates):
            self.field(f"keep_{key}", QRadioButton).setText(
                tr("保留 %1 %2").replace("%1", c["code"]).replace("%2", c["name"])
            )
            self.field(f"details_{key}", QLabel).setText(_details(c))
        self.field("keep_a", QRadioButton).toggled.connect(self._show_moves)
        self._show_moves()
        a, b = candidates
        self.setMinimumWidth(520)
        self.distinct_button = None
        if b["id"] in a["look_alike_of"]:
            self.distinct_button = self.buttons.addButton(tr("不是同一家公司"), QDialogButtonBox.ButtonRole.ActionRole)
            self.distinct_button.setObjectName("distinctButton")
            self.distinct_button.clicked.connect(self._distinct)

    def survivor_and_merged(self) -> tuple[dict, dict]:
        a, b = self.candidates
        return (a, b) if self.field("keep_a", QRadioButton).isChecked() else (b, a)

    def _show_moves(self, *_args) -> None:
        keep, gone = self.survivor_and_merged()
        self.field("moves", QLabel).setText(
            tr("合并后删除 %1 %2,其记录全部转到 %3 %4 名下。")
            .replace("%1", gone["code"]).replace("%2", gone["name"])
            .replace("%3", keep["code"]).replace("%4", keep["name"]))

    def _make_call(self, _dlg):
        from ...core.client_merge import merge_clients

        keep, gone = self.survivor_and_merged()
        return lambda: merge_clients(keep["id"], gone["id"], survivor_version=keep["version"],
                                     merged_version=gone["version"])

    def _distinct(self) -> None:
        from ...core.clients import mark_distinct

        a, b = self.candidates
        run_change(self, lambda: mark_distinct(a["id"], b["id"]), {"client"}, lambda _n: self.reject())


def open_merge_dialog(tab, client_ids: list[int]) -> MergeClientsDialog | None:
    """Open the dialog for the two selected clients (tests reach it as ``tab.dialog``)."""
    from ...core.client_merge import merge_candidates

    if len(client_ids) != 2:
        QMessageBox.information(tab, tr("合并客户"), tr("请在列表中选择两位客户(按住 Ctrl 点击)再合并。"))
        return None
    dlg = MergeClientsDialog(tab, merge_candidates(client_ids))  # a few indexed counts: quick enough here

    def merged(result) -> None:
        tab.model.refresh()
        tab.pane.select_id(result.survivor_id)

    return open_dialog(tab, dlg, merged)
