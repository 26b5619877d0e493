"""A write op refreshes from what the service says it changed (OpChanges), and
every op tells its own end with ``sig_finished`` (issue 11)."""

from __future__ import annotations

from gendan_desktop.core.changes import OpChanges


def test_a_write_op_announces_the_kinds_its_service_returned(qtbot, qapp):
    from gendan_desktop.gui.kit.operations import CollectionOp, changes

    heard, got = [], []
    changes().changed.connect(heard.append)
    try:
        op = CollectionOp(None, lambda: ("the record", OpChanges.of("order", [7]) | OpChanges.of("recall")))
        op.success(got.append).run_in_background()
        with qtbot.waitSignal(op.sig_finished, timeout=5000):
            pass
    finally:
        changes().changed.disconnect(heard.append)
    assert got == ["the record"]  # success receives the record, not the changes
    assert op.changes is not None and op.changes.ids_of("order") == {7}
    assert heard == [frozenset({"order", "recall"})]


def test_a_service_that_returns_only_changes_and_a_caller_that_names_kinds(qtbot, qapp):
    from gendan_desktop.gui.kit.operations import CollectionOp, changes

    heard = []
    changes().changed.connect(heard.append)
    try:
        op = CollectionOp(None, lambda: OpChanges.of("settings"), kinds={"client"}).run_in_background()
        with qtbot.waitSignal(op.sig_finished, timeout=5000):
            pass
        plain = CollectionOp(None, lambda: 42, kinds={"client"}).run_in_background()
        with qtbot.waitSignal(plain.sig_finished, timeout=5000):
            pass
    finally:
        changes().changed.disconnect(heard.append)
    assert heard == [frozenset({"settings", "client"}), frozenset({"client"})]
    assert plain.result == 42 and plain.changes is None


def test_a_failed_op_also_sends_its_own_finished_signal(qtbot, qapp):
    from gendan_desktop.gui.kit.operations import QueryOp

    errors = []

    def boom():
        raise RuntimeError("no")

    op = QueryOp(None, boom).failure(errors.append).run_in_background()
    with qtbot.waitSignal(op.sig_finished, timeout=5000):
        pass
    assert op.finished and [str(e) for e in errors] == ["no"]
