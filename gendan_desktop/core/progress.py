"""Production progress (生产进度): flow cards on the floor, step by step.

A flow card carries one FlowCardStep per process step; every entry a worker
signs (typed, or scanned from the card's barcode) is a ProgressReport, and the
step keeps the running sums. The rules that keep the quantities honest:

- in one report, qty in = good + defect: pieces that are neither are
  refused unless the user confirms the gap, which is then kept as lost
  (``qty_lost``) so that nothing vanishes without a word;
- every report names its operator;
- at the first step the cumulative qty in is at most the card quantity, at any
  later step at most the cumulative good of the step before;
- cumulative good + defect ≤ cumulative qty in;
- a recalled (void) card takes no progress.

A card stays live until it is recalled: an order revision recalls only the
cards of the lines it changed (core/revisions.py), so a card issued under an
older revision that the revision left alone keeps its progress and its place.
The first progress entry moves a confirmed order into production.

``production.py`` re-exports the public functions here.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any, TypeVar, cast

from peewee import Case, fn

from . import compiled_sql
from .common import audit, get_or_404, parse_date
from .db import is_sqlite, write_transaction
from .errors import NotFound, StateError, ValidationError
from .models import BaseModel, Expr, FlowCard, FlowCardStep, Order, ProductionSheet, ProgressReport, Query
from .routes import normalize_step_name, step_label

M = TypeVar("M", bound=BaseModel)

# order statuses in which unfinished steps still matter
OPEN_PRODUCTION_STATUSES = ("confirmed", "in_production", "partly_shipped")


# ----------------------------------------------------------------- helpers --
def lock_row(model: type[M], pk: int, what_zh: str = "记录", what_en: str = "Record") -> M:
    """The row, locked for the rest of the current transaction (PostgreSQL); NotFound if it is gone.

    On SQLite the write transaction already began IMMEDIATE, which serialises
    writers, and FOR UPDATE does not exist there.
    """
    if not is_sqlite():
        row: M | None = model.select().where(model.id == pk).for_update().get_or_none()
    else:
        row = model.get_or_none(model.id == pk)
    if row is None:
        raise NotFound(f"找不到{what_zh}(编号 {pk}),可能已被删除。",
                       f"{what_en} {pk} was not found; it may have been deleted.")
    return row


def not_recalled(model: type[FlowCard] | type[ProductionSheet] = FlowCard) -> Expr:
    """``recalled_at IS NULL`` (of cards, or sheets), written so that no planner uses its index.

    Nearly every card is not recalled, but SQLite (even after ANALYZE) takes
    ``IS NULL`` on the indexed column as selective and scans all live cards
    instead of looking cards up by order: 35 ms instead of 3 ms for the 60
    visible rows of a 100,000-order database.
    """
    return Case(None, [(model.recalled_at.is_null(), 1)], 0) == 1


def live_cards(order: Order) -> Query:
    """Cards of the order that are not recalled (a revision recalls only what it changed)."""
    return FlowCard.select().where((FlowCard.order == order.id) & not_recalled())


def _qty(value: Any, name_zh: str, name_en: str, where_zh: str, where_en: str) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        value = str(value)
    try:
        n = int(str(value).strip())
    except ValueError:
        n = None
    if n is None or n < 0:
        raise ValidationError(f"{where_zh}的{name_zh}“{value}”无效,请填写 0 或正整数。",
                              f"The {name_en} “{value}” for {where_en} is not valid; enter 0 or a whole number.",
                              field=name_en.replace(" ", "_"))
    return n


# ------------------------------------------------------------ card lookup --
def card_by_number(text: str) -> FlowCard:
    """The flow card whose number is ``text`` (as a scanner types it).

    Whitespace and the Enter a scanner sends are trimmed, case is ignored and
    full-width characters (a Chinese input method left on) are folded.
    """
    t = unicodedata.normalize("NFKC", text or "").strip().upper()
    if not t:
        raise ValidationError("请扫描流程卡条码或输入流程卡号。",
                              "Scan a flow card's barcode or type its number.", field="card_number")
    # SQL built once (core/compiled_sql.py): building it cost 20× the lookup itself
    found = compiled_sql.instances(FlowCard, compiled_sql.fetch(
        "card_by_number", lambda n: FlowCard.select().where(FlowCard.number == n).limit(1), t))
    if not found:
        found = compiled_sql.instances(FlowCard, compiled_sql.fetch(
            "card_by_upper_number", lambda n: FlowCard.select().where(fn.UPPER(FlowCard.number) == n).limit(1), t))
    if not found:
        raise NotFound(f"找不到卡号为“{t}”的流程卡。请检查条码是否完整,或手动输入卡号。",
                       f"No flow card is numbered “{t}”. Check that the barcode was read "
                       "completely, or type the card number.")
    return found[0]


def get_card(card: FlowCard | int | str) -> FlowCard:
    """A card from a FlowCard, its id (int) or its number (str)."""
    if isinstance(card, FlowCard):
        return card
    if isinstance(card, int):
        return get_or_404(FlowCard, card, "流程卡", "Flow card")
    return card_by_number(str(card))


def card_steps(card: FlowCard) -> list[FlowCardStep]:
    return list(FlowCardStep.select().where(FlowCardStep.card == card.id).order_by(FlowCardStep.seq))


def _find_step(card: FlowCard, steps: list[FlowCardStep], step: Any) -> FlowCardStep:
    if isinstance(step, FlowCardStep):
        step = step.seq
    if isinstance(step, int) or (isinstance(step, str) and step.strip().isdigit()):
        seq = int(step)
        for s in steps:
            if s.seq == seq:
                return s
    else:
        name = normalize_step_name(str(step or ""))
        for s in steps:
            if s.name == name or s.name.lower() == name.lower():
                return s
    names = "、".join(f"{s.seq}.{s.name}" for s in steps)
    names_en = ", ".join(f"{s.seq}. {step_label(s.name, 'en')}" for s in steps)
    raise NotFound(f"流程卡 {card.number} 没有工序“{step}”。此卡的工序:{names}。",
                   f"Flow card {card.number} has no step “{step}”. Its steps are: {names_en}.")


def check_card_live(card: FlowCard, order: Order) -> None:
    """Refuse work on a void card: recalled, or of a cancelled order."""
    if card.recalled_at is not None:
        why = f"(原因:{card.recall_reason})" if card.recall_reason else ""
        why_en = f" (reason: {card.recall_reason})" if card.recall_reason else ""
        raise StateError(f"流程卡 {card.number} 已收回作废{why},不能再登记进度。请使用订单 {order.number} "
                         f"重新下发的流程卡。",
                         f"Flow card {card.number} was recalled and is void{why_en}; no progress can be recorded "
                         f"on it. Use the cards re-issued for order {order.number}.")
    if order.status == "cancelled":
        raise StateError(f"订单 {order.number} 已取消,流程卡 {card.number} 已作废,不能再登记进度。",
                         f"Order {order.number} is cancelled; flow card {card.number} is void and takes "
                         "no progress.")


def _refresh_finished(card: FlowCard, steps: list[FlowCardStep], on_date: dt.date) -> None:
    """Mark steps finished in order: all the previous step's good came in and came out.

    A step is finished when the step before it is finished, its cumulative
    qty in equals what it could receive, and good + defect + lost equals qty in.
    """
    prev_finished, available = True, card.quantity
    for s in steps:
        fin = (prev_finished and s.qty_in == available
               and s.qty_good + s.qty_defect + (s.qty_lost or 0) == s.qty_in)
        want = (s.finished_at or on_date) if fin else None
        if want != s.finished_at:
            FlowCardStep.update(finished_at=want).where(FlowCardStep.id == s.id).execute()
            s.finished_at = want
        prev_finished, available = fin, s.qty_good


def progress_gap(qty_in: Any, qty_good: Any, qty_defect: Any) -> int:
    """Pieces of one entry that are neither good nor defect (what a user must confirm)."""
    return max(int(qty_in or 0) - int(qty_good or 0) - int(qty_defect or 0), 0)


def _move_into_production(order: Order, day: dt.date) -> None:
    """The first progress entry on a confirmed order: production has started, on
    the entry's date when that is earlier (work typed in afterwards)."""
    if order.status == "confirmed":
        from .orders import set_status

        set_status(order.id, "in_production", reason="已登记生产进度 / progress recorded")
        started = dt.datetime.combine(day, dt.time())
        Order.update(production_started_at=started).where(
            (Order.id == order.id) & (Order.production_started_at > started)).execute()


# ----------------------------------------------------------- progress entry --
def _check_entry(where_zh: str, where_en: str, n_in: int, n_good: int, n_defect: int, operator: str,
                 confirm_gap: bool) -> int:
    """The rules of one entry on its own; returns the pieces confirmed lost."""
    if n_in == 0 and n_good == 0 and n_defect == 0:
        raise ValidationError(f"{where_zh}:投入、良品、次品数都为 0,没有可登记的进度。",
                              f"For {where_en}: qty in, good and defect are all 0; there is nothing to record.",
                              field="qty_in")
    if not operator:
        raise ValidationError(f"{where_zh}:请填写操作员(谁做的这道工序)。",
                              f"For {where_en}: enter the operator (who did this step).", field="operator")
    if n_good + n_defect > n_in:
        raise ValidationError(
            f"{where_zh}:本次良品 {n_good} 件 + 次品 {n_defect} 件 = {n_good + n_defect} 件,"
            f"超过了本次投入的 {n_in} 件。请核对数量。",
            f"For {where_en}: good {n_good} + defect {n_defect} = {n_good + n_defect} is more than "
            f"the {n_in} put in by this report. Check the quantities.", field="qty_good")
    lost = progress_gap(n_in, n_good, n_defect)
    if lost and not confirm_gap:
        raise ValidationError(
            f"{where_zh}:投入 {n_in} 件,良品 {n_good} + 次品 {n_defect} = {n_good + n_defect} 件,"
            f"还差 {lost} 件没有着落。请核对数量;如确实短少(丢失、待返工),请确认后登记为差异。",
            f"For {where_en}: {n_in} put in, but good {n_good} + defect {n_defect} = {n_good + n_defect}; "
            f"{lost} pieces are unaccounted for. Check the quantities, or confirm them as missing.",
            field="qty_good")
    return lost


def _check_room(card: FlowCard, steps: list[FlowCardStep], s: FlowCardStep, n_in: int, where_zh: str,
                where_en: str) -> int:
    """Room for ``n_in`` more at step ``s``: the card quantity at the first step, the good pieces of
    the step before at later ones. Returns the step's cumulative qty in with them."""
    idx = steps.index(s)
    cum_in = s.qty_in + n_in
    if idx == 0:
        if cum_in > card.quantity:
            raise ValidationError(
                f"{where_zh}:累计投入将达 {cum_in} 件(已投入 {s.qty_in} 件,本次 {n_in} 件),"
                f"超过了流程卡数量 {card.quantity} 件。",
                f"For {where_en}: the cumulative qty in would be {cum_in} ({s.qty_in} already, {n_in} now), "
                f"more than the card quantity of {card.quantity}.", field="qty_in")
    else:
        prev = steps[idx - 1]
        if cum_in > prev.qty_good:
            raise ValidationError(
                f"{where_zh}:累计投入将达 {cum_in} 件(已投入 {s.qty_in} 件,本次 {n_in} 件),"
                f"超过了上道工序“{prev.name}”的累计良品 {prev.qty_good} 件。请先登记上道工序的产出。",
                f"For {where_en}: the cumulative qty in would be {cum_in} ({s.qty_in} already, {n_in} now), "
                f"more than the {prev.qty_good} good pieces of the previous step "
                f"“{step_label(prev.name, 'en')}”. Record the previous step's output first.", field="qty_in")
    return int(cum_in)


def record_progress(card: FlowCard | int | str, step: Any, qty_in: Any = 0, qty_good: Any = 0,
                    qty_defect: Any = 0, operator: str = "", date: Any = None, inspector: str = "", notes: str = "", *,
                    confirm_gap: bool = False) -> ProgressReport:
    """Record one progress entry at a step of a flow card, and update the step's sums.

    ``card`` is a FlowCard, its id, or its number as scanned; ``step`` the step's
    seq (1, 2, …) or name (裁剪 or Cutting). The operator is required. Qty in
    must equal good + defect; a gap is refused (field ``qty_good``, the message
    says how many) unless ``confirm_gap``: then the missing pieces are kept as
    lost on the entry and the step. A confirmed order moves into production.
    Nothing is written if a rule breaks.
    """
    with write_transaction():
        card = get_card(card)
        card = lock_row(FlowCard, card.id)  # re-read under the lock
        order = Order.get_by_id(card.order_id)
        check_card_live(card, order)
        steps = card_steps(card)
        s = _find_step(card, steps, step)
        where_zh = f"流程卡 {card.number} 工序“{s.name}”"
        where_en = f"flow card {card.number}, step “{step_label(s.name, 'en')}”"
        n_in = _qty(qty_in, "投入数", "qty in", where_zh, where_en)
        n_good = _qty(qty_good, "良品数", "qty good", where_zh, where_en)
        n_defect = _qty(qty_defect, "次品数", "qty defect", where_zh, where_en)
        day = parse_date(date, where_zh=where_zh, where_en=where_en)
        operator = (operator or "").strip()
        lost = _check_entry(where_zh, where_en, n_in, n_good, n_defect, operator, confirm_gap)
        cum_in = _check_room(card, steps, s, n_in, where_zh, where_en)
        report = ProgressReport.create(
            step=s.id, date=day, qty_in=n_in, qty_good=n_good, qty_defect=n_defect, qty_lost=lost,
            operator=operator, inspector=(inspector or "").strip(), notes=(notes or "").strip(),
        )
        FlowCardStep.update(
            qty_in=FlowCardStep.qty_in + n_in,
            qty_good=FlowCardStep.qty_good + n_good,
            qty_defect=FlowCardStep.qty_defect + n_defect,
            qty_lost=FlowCardStep.qty_lost + lost,
        ).where(FlowCardStep.id == s.id).execute()
        s.qty_in, s.qty_good, s.qty_defect = cum_in, s.qty_good + n_good, s.qty_defect + n_defect
        s.qty_lost = (s.qty_lost or 0) + lost
        _refresh_finished(card, steps, day)
        audit("progress_report", report.id, "create", order_id=order.id, field=f"{card.number}/{s.seq}.{s.name}",
              new=f"in {n_in}, good {n_good}, defect {n_defect}" + (f", lost {lost} (confirmed)" if lost else "")
              + f", operator {report.operator}, date {day}")
        _move_into_production(order, day)
        return cast("ProgressReport", report)


def delete_progress(report_id: int, reason: str) -> None:
    """Take back a mistyped entry; refused if a later step already used its good pieces."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("删除进度记录需要填写原因。", "Deleting a progress entry needs a reason.", field="reason")
    with write_transaction():
        report = get_or_404(ProgressReport, report_id, "进度记录", "Progress entry")
        step = FlowCardStep.get_by_id(report.step_id)
        card = lock_row(FlowCard, step.card_id)
        order = Order.get_by_id(card.order_id)
        check_card_live(card, order)
        steps = card_steps(card)
        s = next(x for x in steps if x.id == step.id)
        idx = steps.index(s)
        new_good = s.qty_good - report.qty_good
        if idx + 1 < len(steps) and steps[idx + 1].qty_in > new_good:
            nxt = steps[idx + 1]
            raise StateError(
                f"流程卡 {card.number} 工序“{s.name}”的这条记录不能删除:下道工序“{nxt.name}”已投入 {nxt.qty_in} 件,"
                f"删除后本工序良品只剩 {new_good} 件。请先删除下道工序的记录。",
                f"This entry of flow card {card.number}, step “{step_label(s.name, 'en')}”, cannot be deleted: the "
                f"next step “{step_label(nxt.name, 'en')}” already took {nxt.qty_in}, and only {new_good} good "
                "would remain. Delete the next step's entries first.")
        FlowCardStep.update(
            qty_in=FlowCardStep.qty_in - report.qty_in,
            qty_good=FlowCardStep.qty_good - report.qty_good,
            qty_defect=FlowCardStep.qty_defect - report.qty_defect,
            qty_lost=FlowCardStep.qty_lost - report.qty_lost,
        ).where(FlowCardStep.id == s.id).execute()
        s.qty_in -= report.qty_in
        s.qty_good = new_good
        s.qty_defect -= report.qty_defect
        s.qty_lost = (s.qty_lost or 0) - (report.qty_lost or 0)
        report.delete_instance()
        _refresh_finished(card, steps, report.date)
        audit("progress_report", report_id, "delete", order_id=order.id, field=f"{card.number}/{s.seq}.{s.name}",
              old=f"in {report.qty_in}, good {report.qty_good}, defect {report.qty_defect}, date {report.date}",
              new=f"deleted: {reason}")
