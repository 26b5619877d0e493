"""All tables of Gendan Desktop, as peewee models.

Names follow ../shared/GLOSSARY.md. Money is MoneyField (exact Decimal), rates
and percentages RateField. Records a merchandiser edits carry ``version`` for
optimistic concurrency (see core/concurrency.py). Enumerations are plain
strings; their allowed values and Chinese labels live in core/enums.py.

The tables are grouped by area in this package's modules; import them from here.
"""

from __future__ import annotations

from .base import AuditLog, BaseModel, Counter, Expr, Query, Setting, VersionedModel, database_proxy
from .clients import Client, ClientLookAlike, ClientTag, Contact, FollowUp, Visit
from .money import COMPLAINT_LIST_INDEXES, Complaint, Payment, Shipment, ShipmentLine
from .orders import ORDER_LIST_INDEXES, Order, OrderLine, OrderRevision
from .production import (
    FlowCard,
    FlowCardStep,
    IssuedDocument,
    MaterialRequirement,
    ProductionException,
    ProductionSheet,
    ProgressReport,
    PurchaseFollowUp,
    RouteTemplate,
    RouteTemplateStep,
)
from .sales import Dispatch, Factory, Quotation, QuotationItem, Sample
from .work import ReminderShown, WorkItemSnooze

ALL_MODELS = [
    Setting,
    Counter,
    Client,
    ClientLookAlike,
    ClientTag,
    Contact,
    FollowUp,
    Visit,
    Quotation,
    QuotationItem,
    Sample,
    Dispatch,
    Factory,
    Order,
    OrderLine,
    OrderRevision,
    RouteTemplate,
    RouteTemplateStep,
    ProductionSheet,
    FlowCard,
    FlowCardStep,
    ProgressReport,
    MaterialRequirement,
    PurchaseFollowUp,
    ProductionException,
    Shipment,
    ShipmentLine,
    Payment,
    Complaint,
    AuditLog,
    WorkItemSnooze,
    ReminderShown,
]

__all__ = [
    "ALL_MODELS", "ORDER_LIST_INDEXES", "BaseModel", "Expr", "Query", "IssuedDocument", "VersionedModel",
    "COMPLAINT_LIST_INDEXES",
    "database_proxy",
    "Setting",
    "Counter",
    "Client",
    "ClientLookAlike",
    "ClientTag",
    "Contact",
    "FollowUp",
    "Visit",
    "Quotation",
    "QuotationItem",
    "Sample",
    "Dispatch",
    "Factory",
    "Order",
    "OrderLine",
    "OrderRevision",
    "RouteTemplate",
    "RouteTemplateStep",
    "ProductionSheet",
    "FlowCard",
    "FlowCardStep",
    "ProgressReport",
    "MaterialRequirement",
    "PurchaseFollowUp",
    "ProductionException",
    "Shipment",
    "ShipmentLine",
    "Payment",
    "Complaint",
    "AuditLog",
    "WorkItemSnooze",
    "ReminderShown",
]
