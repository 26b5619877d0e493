"""All tables of Gendan Desktop, as peewee models.

Names follow ../shared/GLOSSARY.md. Money is MoneyField (exact Decimal), rates
and percentages RateField. Records a merchandiser edits carry ``version`` for
optimistic concurrency (see core/concurrency.py). Enumerations are plain
strings; their allowed values and Chinese labels live in core/enums.py.
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    SQL,
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from .fields import MoneyField, RateField

database_proxy = DatabaseProxy()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    id = AutoField()

    class Meta:
        database = database_proxy
        legacy_table_names = False


class VersionedModel(BaseModel):
    """A record edited in forms: carries a version and timestamps."""

    version = IntegerField(default=1)
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)


# ---------------------------------------------------------------- settings --
class Setting(BaseModel):
    """Key/value settings kept in the database (company profile, numbering…)."""

    key = CharField(max_length=100, unique=True)
    value = TextField(default="")


class Counter(BaseModel):
    """Per-prefix running numbers for document numbers (orders, cards, …)."""

    name = CharField(max_length=50, unique=True)
    value = IntegerField(default=0)


# ---------------------------------------------------------------- clients ---
class Client(VersionedModel):
    code = CharField(max_length=40, unique=True)
    name = CharField(max_length=200, index=True)
    name_en = CharField(max_length=200, default="")
    # initials + full pinyin of the name (core/pinyin.py); set by core/clients.py
    pinyin = CharField(max_length=600, default="", index=True)
    country = CharField(max_length=80, default="", index=True)
    source = CharField(max_length=30, default="other", index=True)  # enums.CLIENT_SOURCES
    grade = CharField(max_length=20, default="ordinary", index=True)  # key / ordinary
    first_contact_date = DateField(null=True)  # new vs returning is derived from it
    address = TextField(default="")
    website = CharField(max_length=200, default="")
    phone = CharField(max_length=80, default="")
    email = CharField(max_length=200, default="", index=True)
    payment_terms = CharField(max_length=200, default="")
    default_currency = CharField(max_length=3, default="USD")
    notes = TextField(default="")
    archived = BooleanField(default=False)
    # Match keys (core/client_matching.py), kept by core/clients.py: the name
    # with its legal form spelt one way, the name without it, the phone's digits.
    # A default in the schema too: rows written by other means still get ''.
    name_key = CharField(max_length=300, default="", index=True, constraints=[SQL("DEFAULT ''")])
    base_key = CharField(max_length=300, default="", index=True, constraints=[SQL("DEFAULT ''")])
    phone_key = CharField(max_length=20, default="", index=True, constraints=[SQL("DEFAULT ''")])


class ClientLookAlike(BaseModel):
    """A client whose name looks like another's but is not sure to be the same
    company (another legal form, country, e-mail or phone): listed for review
    until the two are merged or marked as different companies."""

    client = ForeignKeyField(Client, backref="look_alikes", on_delete="CASCADE")  # the newer one
    other = ForeignKeyField(Client, backref="look_alike_of", on_delete="CASCADE")
    created_at = DateTimeField(default=_now)
    resolved_at = DateTimeField(null=True, index=True)
    resolution = CharField(max_length=20, default="")  # merged / distinct

    class Meta:
        indexes = ((("client", "other"), True),)


class ClientTag(BaseModel):
    client = ForeignKeyField(Client, backref="tags", on_delete="CASCADE")
    tag = CharField(max_length=50, index=True)

    class Meta:
        indexes = ((("client", "tag"), True),)


class Contact(VersionedModel):
    client = ForeignKeyField(Client, backref="contacts", on_delete="CASCADE")
    name = CharField(max_length=100)
    title = CharField(max_length=100, default="")
    email = CharField(max_length=200, default="")
    phone = CharField(max_length=80, default="")
    mobile = CharField(max_length=80, default="")
    wechat = CharField(max_length=80, default="")
    fax = CharField(max_length=80, default="")
    is_primary = BooleanField(default=False)
    notes = TextField(default="")


class FollowUp(BaseModel):
    """One contact with a client; ``next_date`` is the promised next contact.

    A pending reminder is one whose ``next_done`` is false; logging a newer
    follow-up for the client closes the earlier reminders.
    """

    client = ForeignKeyField(Client, backref="followups", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    date = DateField(index=True)
    channel = CharField(max_length=20)  # enums.FOLLOWUP_CHANNELS
    content = TextField()
    next_date = DateField(null=True, index=True)
    next_done = BooleanField(default=False)
    merchandiser = CharField(max_length=100, default="")
    created_at = DateTimeField(default=_now)


class Visit(BaseModel):
    """来访接待: a client visiting the factory."""

    client = ForeignKeyField(Client, backref="visits", on_delete="CASCADE")
    date = DateField()
    visitors = CharField(max_length=200, default="")
    purpose = TextField(default="")
    hosted_by = CharField(max_length=100, default="")
    notes = TextField(default="")


# ------------------------------------------------------------- quotations ---
class Quotation(VersionedModel):
    """报价单, and once turned into a document, 形式发票 (PI)."""

    number = CharField(max_length=40, unique=True)
    client = ForeignKeyField(Client, backref="quotations", on_delete="RESTRICT")
    date = DateField()
    currency = CharField(max_length=3, default="USD")
    exchange_rate = RateField(default=7)  # CNY per 1 unit of currency
    margin_pct = RateField(default=20)  # percent over total cost
    valid_until = DateField(null=True, index=True)
    status = CharField(max_length=20, default="draft", index=True)  # enums.QUOTATION_STATUSES
    pi_number = CharField(max_length=40, null=True, unique=True)
    pi_date = DateField(null=True)
    payment_terms = CharField(max_length=200, default="")
    trade_terms = CharField(max_length=40, default="FOB")  # FOB / CIF / EXW …
    notes = TextField(default="")


class QuotationItem(BaseModel):
    """One product of a quotation, with its cost lines in CNY per piece."""

    quotation = ForeignKeyField(Quotation, backref="items", on_delete="CASCADE")
    line_no = IntegerField(default=1)
    style = CharField(max_length=80, default="")
    product = CharField(max_length=200)
    description = TextField(default="")
    quantity = IntegerField(default=0)
    unit = CharField(max_length=20, default="pcs")
    cost_material = MoneyField()
    cost_processing = MoneyField()
    cost_accessories = MoneyField()
    cost_packing = MoneyField()
    cost_freight = MoneyField()
    cost_other = MoneyField()
    unit_price = MoneyField()  # in the quotation's currency


# ---------------------------------------------------------------- samples ---
class Sample(VersionedModel):
    """小样/打样: requested → made → sent → approved / rejected (批板)."""

    number = CharField(max_length=40, unique=True)
    client = ForeignKeyField(Client, backref="samples", on_delete="RESTRICT")
    quotation = ForeignKeyField(Quotation, null=True, backref="samples", on_delete="SET NULL")
    style = CharField(max_length=80, default="")
    product = CharField(max_length=200, default="")
    colour = CharField(max_length=80, default="")
    size = CharField(max_length=40, default="")
    quantity = IntegerField(default=1)
    description = TextField(default="")
    status = CharField(max_length=20, default="requested", index=True)  # enums.SAMPLE_STATUSES
    requested_date = DateField()
    due_date = DateField(null=True)
    made_date = DateField(null=True)
    sent_date = DateField(null=True)
    courier = CharField(max_length=80, default="")
    tracking_no = CharField(max_length=80, default="")
    decided_date = DateField(null=True)
    client_comments = TextField(default="")


class Dispatch(BaseModel):
    """目录/样品寄送登记: catalogues and samples sent to a client."""

    client = ForeignKeyField(Client, backref="dispatches", on_delete="CASCADE")
    date = DateField()
    kind = CharField(max_length=20)  # catalogue / sample / other
    items = TextField()
    quantity = IntegerField(default=1)
    courier = CharField(max_length=80, default="")
    tracking_no = CharField(max_length=80, default="", index=True)
    sample = ForeignKeyField(Sample, null=True, backref="dispatches", on_delete="SET NULL")
    notes = TextField(default="")




# -------------------------------------------------------------- factories ---
class Factory(VersionedModel):
    """Our own workshop, a subcontract factory (外协厂) or a backup (备选工厂)."""

    name = CharField(max_length=200, unique=True)
    kind = CharField(max_length=20, default="subcontract")  # own / subcontract / backup
    contact = CharField(max_length=100, default="")
    phone = CharField(max_length=80, default="")
    address = TextField(default="")
    capabilities = TextField(default="")  # processes/products it can take
    capacity_per_day = IntegerField(default=0)
    notes = TextField(default="")
    active = BooleanField(default=True)


# ----------------------------------------------------------------- orders ---
class Order(VersionedModel):
    number = CharField(max_length=40, unique=True)
    client = ForeignKeyField(Client, backref="orders", on_delete="RESTRICT")
    channel = CharField(max_length=20, default="email")  # fax/mail/verbal/email/online
    client_po = CharField(max_length=80, default="", index=True)
    order_type = CharField(max_length=20, default="normal")  # normal/processing/sample/remake
    currency = CharField(max_length=3, default="USD")
    order_date = DateField(index=True)
    delivery_date = DateField(index=True)
    status = CharField(max_length=20, default="draft", index=True)  # enums.ORDER_STATUSES
    revision = IntegerField(default=0)  # 0 = original, 1 = R1, …
    quotation = ForeignKeyField(Quotation, null=True, backref="orders", on_delete="SET NULL")
    sample = ForeignKeyField(Sample, null=True, backref="orders", on_delete="SET NULL")
    remake_of = ForeignKeyField("self", null=True, backref="remakes", on_delete="SET NULL")
    factory = ForeignKeyField(Factory, null=True, backref="orders", on_delete="SET NULL")
    product_category = CharField(max_length=80, default="")  # picks the route template
    payment_terms = CharField(max_length=200, default="")
    trade_terms = CharField(max_length=40, default="FOB")
    deposit_pct = RateField(default=30)
    merchandiser = CharField(max_length=100, default="")
    # 订单审查 checklist: each must be True before the order can be confirmed
    review_capability = BooleanField(default=False)
    review_material = BooleanField(default=False)
    review_colour = BooleanField(default=False)
    review_quantity = BooleanField(default=False)
    review_date = BooleanField(default=False)
    review_notes = TextField(default="")
    reviewed_by = CharField(max_length=100, default="")
    reviewed_at = DateTimeField(null=True)
    confirmed_at = DateTimeField(null=True)
    # production may start before materials are covered only with a reason
    material_override_reason = TextField(default="")
    production_started_at = DateTimeField(null=True)
    cancelled_at = DateTimeField(null=True)
    cancel_reason = TextField(default="")
    client_requirements = TextField(default="")
    packing = TextField(default="")
    shipping_marks = TextField(default="")
    notes = TextField(default="")
    # 0, or the order's own id when it shared its client PO with an earlier
    # order before the unique index on (client, PO) existed (migrations.py).
    po_dup_id = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])


# Covering indexes for the order lists (migration 3 adds them to older databases):
# walking one in its sort order answers the filters (delivery, status, client,
# number/PO prefix) without reading 100,000 table rows.
ORDER_LIST_INDEXES = (
    ("order_list_by_order_date",
     ("order_date", "id", "delivery_date", "status", "client_id", "number", "client_po")),
    ("order_list_by_delivery_date",
     ("delivery_date", "id", "status", "order_date", "client_id", "number", "client_po")),
    ("order_list_by_number",
     ("number", "id", "delivery_date", "status", "order_date", "client_id", "client_po")),
    ("order_list_by_client",
     ("client_id", "id", "delivery_date", "status", "order_date", "number", "client_po")),
)
for _name, _cols in ORDER_LIST_INDEXES:
    Order.add_index(*(Order._meta.columns[c] for c in _cols), name=_name)


class OrderLine(BaseModel):
    order = ForeignKeyField(Order, backref="lines", on_delete="CASCADE")
    line_no = IntegerField(default=1)
    style = CharField(max_length=80, default="", index=True)
    product = CharField(max_length=200, default="")
    colour = CharField(max_length=80, default="")
    size = CharField(max_length=40, default="")
    quantity = IntegerField(default=0)
    unit = CharField(max_length=20, default="pcs")
    unit_price = MoneyField()
    remarks = TextField(default="")


class OrderRevision(BaseModel):
    """A frozen copy of an order as it stood before revision ``revision + 1``.

    ``snapshot`` is JSON of the order header and lines (core/revisions.py), so an
    old revision stays readable after the order is changed.
    """

    order = ForeignKeyField(Order, backref="revisions", on_delete="CASCADE")
    revision = IntegerField()
    reason = TextField(default="")
    snapshot = TextField()
    created_at = DateTimeField(default=_now)
    created_by = CharField(max_length=100, default="")

    class Meta:
        indexes = ((("order", "revision"), True),)


# ------------------------------------------------------------- production ---
class RouteTemplate(BaseModel):
    """A process route for a product category (工艺路线)."""

    category = CharField(max_length=80, unique=True)
    name = CharField(max_length=100, default="")


class RouteTemplateStep(BaseModel):
    template = ForeignKeyField(RouteTemplate, backref="steps", on_delete="CASCADE")
    seq = IntegerField()
    name = CharField(max_length=80)
    days = IntegerField(default=1)  # planned lead time of the step


class IssuedDocument(VersionedModel):
    """Paper that goes to the floor: issued under an order revision, may be recalled.

    ``recalled_at`` set means the paper is void; the merchandiser then has to
    collect the ``printed_copies`` that left the app, copy by copy
    (``returned_copies``); ``returned_at`` is set when the last one is back.
    """

    revision = IntegerField(default=0)
    issued_at = DateTimeField(default=_now)
    printed_copies = IntegerField(default=0)
    returned_copies = IntegerField(default=0)
    last_printed_at = DateTimeField(null=True)
    recalled_at = DateTimeField(null=True, index=True)
    recall_reason = TextField(default="")
    returned_at = DateTimeField(null=True)


class ProductionSheet(IssuedDocument):
    """生产单 for one order revision."""

    number = CharField(max_length=40, unique=True)
    order = ForeignKeyField(Order, backref="production_sheets", on_delete="CASCADE")
    client_requirements = TextField(default="")
    packing = TextField(default="")
    carton_count = IntegerField(default=0)
    shipping_marks = TextField(default="")
    remarks = TextField(default="")


class FlowCard(IssuedDocument):
    """流程卡 for one batch; ``number`` is what the barcode carries."""

    number = CharField(max_length=40, unique=True)
    order = ForeignKeyField(Order, backref="flow_cards", on_delete="CASCADE")
    sheet = ForeignKeyField(ProductionSheet, null=True, backref="flow_cards", on_delete="SET NULL")
    order_line = ForeignKeyField(OrderLine, null=True, backref="flow_cards", on_delete="SET NULL")
    batch_no = IntegerField(default=1)
    style = CharField(max_length=80, default="")
    colour = CharField(max_length=80, default="")
    size = CharField(max_length=40, default="")
    quantity = IntegerField()
    factory = ForeignKeyField(Factory, null=True, backref="flow_cards", on_delete="SET NULL")
    planned_start = DateField(null=True)
    planned_finish = DateField(null=True)
    notes = TextField(default="")


class FlowCardStep(BaseModel):
    """One process step of a card; the sums of its progress reports."""

    card = ForeignKeyField(FlowCard, backref="steps", on_delete="CASCADE")
    seq = IntegerField()
    name = CharField(max_length=80)
    planned_date = DateField(null=True)
    qty_in = IntegerField(default=0)
    qty_good = IntegerField(default=0)
    qty_defect = IntegerField(default=0)
    qty_lost = IntegerField(default=0)  # put in but neither good nor defect, confirmed as missing
    finished_at = DateField(null=True)

    class Meta:
        indexes = ((("card", "seq"), True),)


class ProgressReport(BaseModel):
    """One entry of progress at a step (typed or scanned)."""

    step = ForeignKeyField(FlowCardStep, backref="reports", on_delete="CASCADE")
    date = DateField(index=True)
    qty_in = IntegerField(default=0)
    qty_good = IntegerField(default=0)
    qty_defect = IntegerField(default=0)
    qty_lost = IntegerField(default=0)  # the confirmed gap: qty in − good − defect
    operator = CharField(max_length=80, default="")
    inspector = CharField(max_length=80, default="")
    notes = TextField(default="")
    created_at = DateTimeField(default=_now)


class MaterialRequirement(VersionedModel):
    """备料: what an order needs of one material, and what is in stock."""

    order = ForeignKeyField(Order, backref="materials", on_delete="CASCADE")
    name = CharField(max_length=200)
    spec = CharField(max_length=200, default="")
    unit = CharField(max_length=20, default="m")
    consumption_per_piece = RateField(default=0)
    loss_rate_pct = RateField(default=0)
    in_stock = RateField(default=0)
    supplied_by_client = BooleanField(default=False)  # 加工单: client supplies it
    notes = TextField(default="")


class PurchaseFollowUp(VersionedModel):
    """采购跟单: material ordered from a supplier."""

    material = ForeignKeyField(MaterialRequirement, backref="purchases", on_delete="CASCADE")
    supplier = CharField(max_length=200)
    quantity = RateField(default=0)
    ordered_date = DateField()
    due_date = DateField(index=True)
    received_qty = RateField(default=0)
    received_date = DateField(null=True)
    notes = TextField(default="")


class ProductionException(VersionedModel):
    """生产异常: something that endangers the client's requirement or date."""

    order = ForeignKeyField(Order, backref="exceptions", on_delete="CASCADE")
    card = ForeignKeyField(FlowCard, null=True, backref="exceptions", on_delete="SET NULL")
    kind = CharField(max_length=20)  # enums.EXCEPTION_KINDS
    severity = CharField(max_length=20, default="medium")  # low/medium/high/critical
    description = TextField()
    reported_at = DateField()
    reported_by = CharField(max_length=100, default="")
    escalated_to = CharField(max_length=100, default="")
    escalated_at = DateField(null=True)
    resolution = TextField(default="")
    resolved_at = DateField(null=True)
    status = CharField(max_length=20, default="open", index=True)  # open/escalated/resolved


# --------------------------------------------------------- shipments/money ---
class Shipment(VersionedModel):
    number = CharField(max_length=40, unique=True)
    order = ForeignKeyField(Order, backref="shipments", on_delete="RESTRICT")
    date = DateField(index=True)
    booking_no = CharField(max_length=80, default="")  # 订舱
    container_no = CharField(max_length=80, default="")  # 装柜
    customs_no = CharField(max_length=80, default="")  # 报关单号
    bl_no = CharField(max_length=80, default="")  # 提单号
    vessel = CharField(max_length=100, default="")
    port_of_loading = CharField(max_length=100, default="")
    port_of_discharge = CharField(max_length=100, default="")
    notes = TextField(default="")
    # why more left than production had finished (required then; core/shipments.py)
    excess_reason = TextField(default="")


class ShipmentLine(BaseModel):
    shipment = ForeignKeyField(Shipment, backref="lines", on_delete="CASCADE")
    order_line = ForeignKeyField(OrderLine, backref="shipment_lines", on_delete="RESTRICT")
    quantity = IntegerField()
    unit_price = MoneyField()  # frozen at shipment so statements never move


class Payment(VersionedModel):
    """Money received (amount > 0), or given back or moved to another order
    (kinds refund / transfer: negative on the order it leaves, positive on the
    order it goes to), so every sum over amounts is the net received."""

    client = ForeignKeyField(Client, backref="payments", on_delete="RESTRICT")
    order = ForeignKeyField(Order, null=True, backref="payments", on_delete="SET NULL")
    kind = CharField(max_length=20, default="balance")  # deposit / balance / other
    amount = MoneyField()
    currency = CharField(max_length=3, default="USD")
    date = DateField(index=True)
    reference = CharField(max_length=120, default="")
    notes = TextField(default="")
    # a refund or carry-over of another payment (kind refund/transfer, signed amount)
    source_payment = ForeignKeyField("self", null=True, backref="disposals", on_delete="RESTRICT")


# ------------------------------------------------------------- after-sales ---
class Complaint(VersionedModel):
    """售后/客诉 linked to an order and optionally the batch (flow card)."""

    number = CharField(max_length=40, unique=True)
    order = ForeignKeyField(Order, backref="complaints", on_delete="RESTRICT")
    card = ForeignKeyField(FlowCard, null=True, backref="complaints", on_delete="SET NULL")
    date = DateField(index=True)
    description = TextField()
    qty_affected = IntegerField(default=0)
    cause = TextField(default="")
    countermeasure = TextField(default="")
    disposition = CharField(max_length=20, default="")  # rework/remake/discount/return
    cost = MoneyField()  # our cost in CNY
    credit_amount = MoneyField()  # reduces what the client owes, in the order currency
    credit_date = DateField(null=True)
    currency = CharField(max_length=3, default="USD")
    status = CharField(max_length=20, default="open", index=True)  # open/processing/closed
    remake_order = ForeignKeyField(Order, null=True, backref="remake_complaints", on_delete="SET NULL")
    closed_at = DateField(null=True)


# ------------------------------------------------------------------ audit ---
class AuditLog(BaseModel):
    """Every change to orders and production documents: when, what, old → new."""

    at = DateTimeField(default=_now, index=True)
    user = CharField(max_length=100, default="")
    entity = CharField(max_length=40)
    entity_id = IntegerField()
    order_id = IntegerField(null=True, index=True)  # no FK: history outlives rows
    action = CharField(max_length=40)
    field = CharField(max_length=60, default="")
    old = TextField(null=True)
    new = TextField(null=True)


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
]
