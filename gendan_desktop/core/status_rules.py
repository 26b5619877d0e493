"""Which statuses allow which action, for orders and quotations: one home for the rule.

The services refuse what these say no to (with a sentence naming the status),
and the window asks the same functions which buttons to enable, so a button is
never offered for an action the core would refuse because of the status.
Other conditions (an order that has shipped goods cannot be cancelled, a
quotation past its validity gets no PI) are the services' to check.

Kinds are ``"order"`` and ``"quotation"``:

========= ======================= ================= ==================
action    order                   quotation         service
========= ======================= ================= ==================
edit      draft, reviewed         draft, sent, pi   update_order / update_quotation
confirm   reviewed                draft, sent, pi   confirm_order / create_order_from_quotation
cancel    draft … in_production   draft, sent, pi   recalls.cancel_order / mark_rejected
revise    confirmed … part-shipped —                revisions.revise_order (改单)
========= ======================= ================= ==================

A quotation is confirmed when the client orders it, and cancelled when the
client turns it down (未成交).
"""

from __future__ import annotations

# The order status flow: status → statuses it may move to.
# Backward edges exist only to undo a shipment or payment entered by mistake.
ORDER_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("reviewed", "cancelled"),
    "reviewed": ("draft", "confirmed", "cancelled"),
    "confirmed": ("in_production", "cancelled"),
    "in_production": ("partly_shipped", "shipped", "cancelled"),
    "partly_shipped": ("shipped", "in_production"),
    "shipped": ("settled", "partly_shipped", "in_production"),
    "settled": ("shipped",),
    "cancelled": (),
}
ORDER_EDITABLE = ("draft", "reviewed")
ORDER_REVISABLE = ("confirmed", "in_production", "partly_shipped")
QUOTATION_OPEN = ("draft", "sent", "pi")  # not yet ordered or turned down
QUOTATION_SENDABLE = ("draft",)
QUOTATION_PI_ALLOWED = ("draft", "sent")

_EDIT = {"order": ORDER_EDITABLE, "quotation": QUOTATION_OPEN}
_CONFIRM = {"order": ("reviewed",), "quotation": QUOTATION_OPEN}
_CANCEL = {"order": tuple(s for s, targets in ORDER_TRANSITIONS.items() if "cancelled" in targets),
           "quotation": QUOTATION_OPEN}


def _allowed(table: dict[str, tuple[str, ...]], kind: str, status: str) -> bool:
    if kind not in table:
        raise ValueError(f"unknown kind {kind!r}; expected one of {sorted(table)}")
    return status in table[kind]


def can_edit(kind: str, status: str) -> bool:
    """Whether a record of ``kind`` in ``status`` may be edited in place."""
    return _allowed(_EDIT, kind, status)


def can_confirm(kind: str, status: str) -> bool:
    """Whether it may be confirmed (an order), or ordered by the client (a quotation)."""
    return _allowed(_CONFIRM, kind, status)


def can_cancel(kind: str, status: str) -> bool:
    """Whether it may be cancelled (an order), or marked turned down (a quotation)."""
    return _allowed(_CANCEL, kind, status)


def can_revise(status: str) -> bool:
    """Whether an order in ``status`` is changed by a revision (改单) rather than edited."""
    return status in ORDER_REVISABLE


def can_send(status: str) -> bool:
    """Whether a quotation in ``status`` may be marked sent."""
    return status in QUOTATION_SENDABLE


def can_issue_pi(status: str) -> bool:
    """Whether a quotation in ``status`` may be issued as a PI."""
    return status in QUOTATION_PI_ALLOWED
