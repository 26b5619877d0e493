"""Import of client lists (客户档案) from a spreadsheet; called by importer.run.

Values are checked with the same rules as core/clients.py (e-mail form,
source and grade values, currency, text lengths) so every problem is found
before anything is written; rows are then written through create_client /
update_client, so the records are exactly what the client forms create.

A row is a duplicate of a client (in the file or the archive) only when it is
surely the same company: the same name and legal form, the same e-mail or the
same phone (core/client_matching.py). A row whose name only looks like a
client's ("Baltic Moda Inc." beside "Baltic Moda LLC") is imported as a client
of its own, named in the report and listed for review. importer.run runs this
in one write transaction, so what the duplicate check reads is what the
writes see; only the clients the file names are read.
"""

from __future__ import annotations

import re
from typing import Any

from ..core import clients as client_service
from ..core import enums
from ..core.client_matching import ClientKeys, name_key, phone_key
from ..core.db import write_transaction
from ..core.errors import GendanError, ValidationError
from ..core.models import Client, Contact
from ..core.order_input import clean_text, parse_currency
from .import_plan import is_total_row, issue
from .values import cell_date, cell_text, is_blank

SOURCE_ALIASES = {
    "广交会": "trade_show", "展会": "trade_show", "交易会": "trade_show", "展览会": "trade_show",
    "canton fair": "trade_show", "trade fair": "trade_show", "exhibition": "trade_show", "fair": "trade_show",
    "阿里": "alibaba", "阿里巴巴国际站": "alibaba", "国际站": "alibaba", "1688": "alibaba", "alibaba.com": "alibaba",
    "谷歌": "google", "google ads": "google", "亚马逊": "amazon", "领英": "linkedin",
    "介绍": "referral", "转介绍": "referral", "老客户介绍": "referral", "朋友介绍": "referral",
    "官网": "website", "网站": "website", "独立站": "website", "拜访": "visit", "陌拜": "visit", "上门": "visit",
    "其它": "other",
}
GRADE_ALIASES = {
    "大客户": "key", "重要客户": "key", "重点客户": "key", "重要": "key", "vip": "key", "a": "key", "a类": "key",
    "key account": "key", "普通": "ordinary", "普通客户": "ordinary", "一般": "ordinary", "一般客户": "ordinary",
    "normal": "ordinary", "regular": "ordinary", "b": "ordinary", "c": "ordinary", "b类": "ordinary", "c类": "ordinary",
}
CLIENT_TEXT = ("name", "code", "name_en", "country", "address", "website", "phone", "payment_terms", "notes")
CONTACT_TEXT = {"contact": "name", "contact_title": "title", "mobile": "mobile", "wechat": "wechat", "fax": "fax"}
_TAG_SPLIT = re.compile(r"[,，;；、/|]+")


def _enum(kind: str, aliases: dict[str, str], text: str) -> str:
    t = text.strip()
    return aliases.get(t.casefold(), aliases.get(t)) or enums.parse(kind, t, field=kind)


class _Row:
    __slots__ = ("row", "client", "contact", "tags", "action", "target", "merged_into")

    def __init__(self, row: int):
        self.row = row
        self.client: dict[str, Any] = {}
        self.contact: dict[str, Any] = {}
        self.tags: list[str] = []
        self.action = "create"  # create / update / skip / merge
        self.target: int | None = None  # client id to update
        self.merged_into: _Row | None = None


def _validate_row(plan, mapping, row_no: int, values: list, issues: list) -> _Row | None:
    rec = _Row(row_no)
    bad = False
    for col, name in mapping.items():
        raw = values[col] if col < len(values) else ""
        if name == "name" and is_blank(raw):
            issues.append(issue(plan, row_no, col, name, "客户名称为空,请填写公司名称。",
                                "the client name is empty; enter the company name."))
            bad = True
            continue
        if is_blank(raw):
            continue
        try:
            if name in CLIENT_TEXT:
                rec.client[name] = clean_text(cell_text(raw), Client, name, *_names(plan, name))
            elif name in CONTACT_TEXT:
                rec.contact[CONTACT_TEXT[name]] = clean_text(cell_text(raw), Contact, CONTACT_TEXT[name],
                                                             *_names(plan, name))
            elif name == "email":
                text = cell_text(raw)
                rec.client["email"] = client_service.check_email(text, "该客户", "the client")
                clean_text(text, Client, "email", "邮箱", "e-mail")
            elif name == "source":
                rec.client["source"] = _enum("source", SOURCE_ALIASES, cell_text(raw))
            elif name == "grade":
                rec.client["grade"] = _enum("grade", GRADE_ALIASES, cell_text(raw))
            elif name == "default_currency":
                rec.client["default_currency"] = parse_currency(cell_text(raw))
            elif name == "first_contact_date":
                d = cell_date(raw)
                if d is None:
                    raise ValidationError(f"“{cell_text(raw)}”不是有效日期,请写成 2026-10-16 这样的日期。",
                                          f"“{cell_text(raw)}” is not a valid date; write it like 2026-10-16.")
                rec.client["first_contact_date"] = d
            elif name == "tags":
                rec.tags = [t.strip() for t in _TAG_SPLIT.split(cell_text(raw)) if t.strip()]
                for t in rec.tags:
                    if len(t) > 50:
                        raise ValidationError(f"标签“{t[:20]}…”太长(最多 50 个字)。",
                                              f"the tag “{t[:20]}…” is too long (50 characters at most).")
        except GendanError as exc:
            issues.append(issue(plan, row_no, col, name, exc.zh, exc.en))
            bad = True
    if bad:
        return None
    # A mobile number is the phone to call when no landline is given.
    if "mobile" in rec.contact and not rec.client.get("phone"):
        rec.client["phone"] = clean_text(rec.contact["mobile"], Client, "phone", "电话", "phone")
    if "phone" in rec.client and rec.contact.get("name"):
        rec.contact.setdefault("phone", rec.client["phone"])
    if rec.client.get("email") and rec.contact.get("name"):
        rec.contact.setdefault("email", rec.client["email"])
    return rec


def _names(plan, name: str) -> tuple[str, str]:
    spec = next(s for s in plan.fields if s.name == name)
    return spec.zh, spec.en


class _ClientImport:
    """One client import's state: the file's rows so far, and the clients its keys find."""

    def __init__(self, plan: Any, mapping: dict[int, str], result: Any, on_duplicate: str):
        self.plan, self.mapping, self.result, self.on_duplicate = plan, mapping, result, on_duplicate
        keys_in = _file_keys(plan, mapping)
        self.index = ClientKeys(codes=keys_in["code"], names=keys_in["name"], emails=keys_in["email"],
                                phones=keys_in["phone"] | keys_in["mobile"])
        self.by_code = self.index.by_code
        self.file_by_key: dict[str, _Row] = {}
        self.invalid_rows: set[int] = set()
        self.col_of = {name: col for col, name in mapping.items()}

    def refuse(self, row_no: int, col: int | None, field: str, zh: str, en: str) -> None:
        self.result.errors.append(issue(self.plan, row_no, col, field, zh, en))
        self.invalid_rows.add(row_no)

    def note(self, row_no: int, zh: str, en: str) -> None:
        self.result.notes.append(issue(self.plan, row_no, None, "name", zh, en))


def import_clients(plan, mapping, result, ticker, *, on_duplicate: str, skip_invalid: bool,
                   dry_run: bool, create_missing_clients: bool = False) -> None:
    imp = _ClientImport(plan, mapping, result, on_duplicate)
    records = _read(imp, ticker)
    result.invalid = len(imp.invalid_rows)
    result.created = sum(1 for rec in records if rec.action == "create")
    result.updated = sum(1 for rec in records if rec.action == "update")
    if result.errors and not skip_invalid:
        result.created = result.updated = 0
        return
    if dry_run:
        return
    for rec in records:  # merge later duplicates into their first row before writing
        target = rec.merged_into
        if rec.action == "merge" and target is not None:
            target.client.update({k: v for k, v in rec.client.items() if k not in ("code", "name")})
            target.contact.update(rec.contact)
            target.tags += [t for t in rec.tags if t not in target.tags]
    _write(imp, records, ticker, skip_invalid)


def _read(imp: _ClientImport, ticker: Any) -> list[_Row]:
    """Every row checked, then matched against the file's earlier rows and the database."""
    records: list[_Row] = []
    c_name = imp.col_of["name"]
    for row_no, values in imp.plan.rows:
        ticker.step()
        if is_total_row(values, imp.mapping) and is_blank(values[c_name] if c_name < len(values) else ""):
            continue
        imp.result.rows_read += 1
        issues: list[Any] = []
        rec = _validate_row(imp.plan, imp.mapping, row_no, values, issues)
        if rec is None:
            imp.result.errors.extend(issues)
            imp.invalid_rows.add(row_no)
            continue
        kept = _match_in_file(imp, rec)
        if kept is None:
            continue
        if kept and not _match_in_database(imp, rec):
            continue
        records.append(rec)
    return records


def _match_in_file(imp: _ClientImport, rec: _Row) -> bool | None:
    """A row naming a client an earlier row named: skipped or merged (False), refused for a
    repeated code (None); otherwise its keys are remembered (True)."""
    c, row_no = rec.client, rec.row
    nkey, pkey = name_key(c["name"]), phone_key(c.get("phone", ""))
    keys = [k for k in (f"n:{nkey}" if nkey else "", f"e:{c.get('email', '').lower()}" if c.get("email") else "",
                        f"p:{pkey}" if pkey else "", f"c:{c['code'].lower()}" if c.get("code") else "") if k]
    earlier = next((imp.file_by_key[k] for k in keys if k in imp.file_by_key), None)
    if earlier is not None and imp.on_duplicate != "create":
        if imp.on_duplicate == "skip":
            rec.action = "skip"
            imp.note(row_no, f"与第 {earlier.row} 行是同一客户“{c['name']}”,已跳过。",
                     f"same client “{c['name']}” as row {earlier.row}; skipped.")
        else:
            rec.action = "merge"
            rec.merged_into = earlier
            imp.note(row_no, f"与第 {earlier.row} 行是同一客户“{c['name']}”,非空的内容已合并到该行。",
                     f"same client “{c['name']}” as row {earlier.row}; its non-empty values were merged into "
                     "that row.")
        imp.result.skipped += 1
        return False
    if earlier is not None and c.get("code") and f"c:{c['code'].lower()}" in imp.file_by_key:
        imp.refuse(row_no, imp.col_of.get("code"), "code",
                   f"客户编号“{c['code']}”与第 {earlier.row} 行重复,请换一个编号或留空自动生成。",
                   f"the client code “{c['code']}” repeats row {earlier.row}; change it or leave it empty.")
        return None
    for k in keys:
        imp.file_by_key.setdefault(k, rec)
    return True


def _match_in_database(imp: _ClientImport, rec: _Row) -> bool:
    """A client already in the database: skipped, updated, or refused (False when refused)."""
    c, row_no, by_code = rec.client, rec.row, imp.by_code
    ids = []
    if c.get("code") and c["code"].lower() in by_code:
        ids.append(by_code[c["code"].lower()])
    ids += [i for i in imp.index.sure_duplicates(c["name"], c.get("email", ""), c.get("phone", "")) if i not in ids]
    if not ids:
        if rec.action == "create":
            _note_look_alikes(imp.plan, rec, imp.index, imp.result)
        return True
    listing = imp.index.labels(ids, 3)
    if imp.on_duplicate == "skip":
        rec.action = "skip"
        imp.result.skipped += 1
        imp.note(row_no, f"客户“{c['name']}”已存在(“{listing}”),已跳过。",
                 f"client “{c['name']}” already exists (“{listing}”); skipped.")
    elif imp.on_duplicate == "update":
        if len(ids) > 1 and not (c.get("code") and c["code"].lower() in by_code):
            imp.refuse(row_no, None, "name", f"“{c['name']}”对应多位已有客户({listing}),无法确定更新哪一位;"
                       "请在表中填写客户编号。",
                       f"“{c['name']}” matches several clients ({listing}); add the client code to say which one "
                       "to update.")
            return False
        rec.action, rec.target = "update", ids[0]
    elif c.get("code") and c["code"].lower() in by_code:
        imp.refuse(row_no, imp.col_of.get("code"), "code",
                   f"客户编号“{c['code']}”已被客户“{imp.index.labels([by_code[c['code'].lower()]])}”"
                   "使用,请换一个编号或留空自动生成。",
                   f"the client code “{c['code']}” is already used; change it or leave it empty.")
        return False
    return True


def _write(imp: _ClientImport, records: list[_Row], ticker: Any, skip_invalid: bool) -> None:
    """Each client in a savepoint of one transaction; with ``skip_invalid`` a refused one is reported."""
    result = imp.result
    try:
        with write_transaction():
            for rec in records:
                ticker.step()
                if rec.action not in ("create", "update"):
                    continue
                try:
                    with write_transaction():  # a savepoint: one bad row cannot half-write
                        if rec.action == "create":
                            contacts = [rec.contact] if rec.contact.get("name") else []
                            client = client_service.create_client(tags=rec.tags, contacts=contacts, **rec.client)
                            imp.index.add(client)
                        else:
                            _update(rec)
                except GendanError as exc:
                    result.errors.append(issue(imp.plan, rec.row, None, exc.field or "", exc.zh, exc.en))
                    if not skip_invalid:
                        raise
                    result.invalid += 1
                    if rec.action == "create":
                        result.created -= 1
                    else:
                        result.updated -= 1
            ticker.check()
    except GendanError:
        result.created = result.updated = 0
        result.invalid += 1
        return
    result.written = bool(result.created or result.updated)


def _file_keys(plan, mapping) -> dict[str, set[str]]:
    """The codes, names, e-mails and phones the file names (what the duplicate check reads)."""
    out: dict[str, set[str]] = {k: set() for k in ("code", "name", "email", "phone", "mobile")}
    for col, field_name in mapping.items():
        if field_name in out:
            out[field_name] = {cell_text(v[col]) for _r, v in plan.rows if col < len(v)} - {""}
    return out


def _note_look_alikes(plan, rec: _Row, index: ClientKeys, result) -> None:
    """A new client whose name looks like existing ones: say so (create_client lists it for review)."""
    c = rec.client
    similar = index.look_alikes(c["name"], c.get("email", ""), c.get("phone", ""))
    if similar:
        listing = index.labels(similar, 3)
        result.notes.append(issue(
            plan, rec.row, None, "name",
            f"客户“{c['name']}”与已有的 {listing} 名称相似,但名称后缀、国家、邮箱或电话不同,不能确定是同一家公司:"
            "已作为新客户导入,并列入客户档案“相似待核对”,请核对是否需要合并。",
            f"the client “{c['name']}” looks like {listing} but its legal form, country, e-mail or phone differ: "
            "it was imported as a new client and listed under “look-alikes to review”."))


def _update(rec: _Row) -> None:
    """Fill in the row's non-empty values; add its contact and tags if new.

    Runs in the import's transaction, so the version read here is current."""
    client = Client.get_by_id(rec.target)
    changes = {k: v for k, v in rec.client.items() if k != "code" and v not in ("", None)}
    # the same company spelt differently ("NORDIC APPAREL AB") keeps the archive's spelling
    if name_key(changes.get("name", "")) == name_key(client.name):
        changes.pop("name", None)
    if changes:
        client_service.update_client(client.id, changes, client.version)
    name = rec.contact.get("name")
    if name and not Contact.select().where((Contact.client == client.id) & (Contact.name == name)).exists():
        client_service.add_contact(client.id, **rec.contact)
    if rec.tags:
        old = client_service.get_tags(client.id)
        if set(rec.tags) - set(old):
            client_service.set_tags(client.id, old + [t for t in rec.tags if t not in old])
