"""Telling the same client from one that only looks alike.

Every client carries three keys (kept by core/clients.py, indexed):

* ``name_key``: the name lower-cased, width-folded, without punctuation or
  spaces, its legal form kept but spelt one way ("Co., Ltd." and "Company
  Limited" → ``coltd``): "Baltic Moda LLC" → ``balticmodallc``;
* ``base_key``: the same without the legal form: ``balticmoda``;
* ``phone_key``: the phone's digits without leading zeros ("+31 20 555 0199"
  and "0031-20-5550199" → ``31205550199``), when there are at least 7; a
  number written once with and once without its country code does not match
  (matching on a tail of digits took two companies in two countries for one).

A **sure duplicate** is the same company: the same ``name_key``, or the same
e-mail, or the same phone. A **look-alike** shares only the ``base_key``:
"Baltic Moda LLC" (India) and "Baltic Moda Inc." (Germany) are two companies
until a person says otherwise. Look-alikes are never matched silently: an
import creates them as clients of their own and lists them for review
(``ClientLookAlike``), and an order row naming one is refused with the
candidates. Lookups read only the keys asked for (chunked ``IN`` queries on
indexed columns), never the whole client table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

from .connection import current_database, is_sqlite
from .models import Client

T = TypeVar("T")
CHUNK = 400  # keys per IN (…): well under SQLite's 999 parameters of old builds

# Legal forms at the end of a Latin name, and how each is spelt in name_key.
_LATIN_FORMS = {
    "co": "co", "company": "co", "ltd": "ltd", "limited": "ltd", "inc": "inc", "incorporated": "inc",
    "corp": "corp", "corporation": "corp", "llc": "llc", "llp": "llp", "gmbh": "gmbh", "ag": "ag", "kg": "kg",
    "ab": "ab", "oy": "oy", "oü": "ou", "ou": "ou", "as": "as", "aps": "aps", "sa": "sa", "sl": "sl",
    "srl": "srl", "spa": "spa", "sarl": "sarl", "sas": "sas", "bv": "bv", "nv": "nv", "plc": "plc",
    "pty": "pty", "pte": "pte", "bhd": "bhd", "sdn": "sdn", "kk": "kk",
}
# Chinese legal forms, longest first, and their one spelling.
_CJK_FORMS = (("股份有限公司", "股份有限公司"), ("有限责任公司", "有限公司"), ("集团有限公司", "集团有限公司"),
              ("有限公司", "有限公司"), ("集团", "集团"), ("公司", "公司"))


@lru_cache(maxsize=8192)
def split_name(name: str) -> tuple[str, str]:
    """(base, legal form) of a company name, both normalised.

    "Baltic Garments Co., Ltd." → ("balticgarments", "coltd");
    "华美服装有限责任公司" → ("华美服装", "有限公司"); "AG" → ("ag", "").
    """
    s = unicodedata.normalize("NFKC", name or "").casefold()
    s = re.sub(r"\ba/s\b", "as", s.replace(".", ""))  # S.p.A. → spa, B.V. → bv, A/S → as
    tokens = [t for t in re.split(r"[\W_]+", s) if t]
    forms: list[str] = []
    while len(tokens) > 1 and tokens[-1] in _LATIN_FORMS:
        forms.insert(0, _LATIN_FORMS[tokens.pop()])
    joined = "".join(tokens)
    cjk: list[str] = []
    changed = True
    while changed:
        changed = False
        for suffix, spelt in _CJK_FORMS:
            if joined.endswith(suffix) and len(joined) > len(suffix):
                joined = joined[: -len(suffix)]
                cjk.insert(0, spelt)
                changed = True
                break
    return joined, "".join(cjk) + "".join(forms)


def base_key(name: str) -> str:
    return split_name(name)[0]


def name_key(name: str) -> str:
    base, form = split_name(name)
    return base + form


def phone_key(phone: str) -> str:
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", phone or "")).lstrip("0")
    return digits if len(digits) >= 7 else ""


def email_key(email: str) -> str:
    return (email or "").strip().lower()


def client_keys(name: str, phone: str = "") -> dict[str, str]:
    """The stored keys of a client with this name and phone."""
    return {"name_key": name_key(name), "base_key": base_key(name), "phone_key": phone_key(phone)}


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


class ClientFacts:
    """What matching needs of one client (a row of ``ClientKeys``)."""

    __slots__ = ("id", "code", "name", "name_key", "base_key", "email", "phone_key", "country", "archived",
                 "currency")

    def __init__(self, cid: int, code: str, name: str, nkey: str, bkey: str, email: str, pkey: str, country: str,
                 archived: bool, currency: str) -> None:
        self.id, self.code, self.name, self.name_key, self.base_key = cid, code, name, nkey, bkey
        self.email, self.phone_key, self.country = email_key(email), pkey, country
        self.archived, self.currency = bool(archived), currency

    def label(self) -> str:
        extra = ", ".join(p for p in (self.country, self.email) if p)
        return f"{self.code} {self.name}" + (f" ({extra})" if extra else "")


_COLUMNS = "id, code, name, name_key, base_key, email, phone_key, country, archived, default_currency"


class ClientKeys:
    """The clients that could match the given codes, names, e-mails and phones.

    Built with a few chunked ``IN`` queries on indexed columns: a 10-row file
    costs the same on an empty database as on one with 100,000 clients.
    ``add`` registers a client created meanwhile (by the same import).
    """

    def __init__(self, *, codes: Iterable[str] = (), names: Iterable[str] = (), emails: Iterable[str] = (),
                 phones: Iterable[str] = ()):
        self.facts: dict[int, ClientFacts] = {}
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.by_name_key: dict[str, list[int]] = {}
        self.by_base_key: dict[str, list[int]] = {}
        self.by_email: dict[str, list[int]] = {}
        self.by_phone: dict[str, list[int]] = {}
        names = {n.strip() for n in names if n and n.strip()}
        wanted = (
            ("lower(code)", {c.strip().lower() for c in codes if c and c.strip()}),
            ("name", names),
            ("name_key", {name_key(n) for n in names} - {""}),
            ("base_key", {base_key(n) for n in names} - {""}),
            ("lower(email)", {email_key(e) for e in emails} - {""}),
            ("phone_key", {phone_key(p) for p in phones} - {""}),
        )
        # Plain SQL on the indexed columns and expressions (migration 6): peewee
        # took longer to build the IN lists and convert the rows of a 300-client
        # file than the database to answer (25 of 30 ms).
        db = current_database()
        p = "?" if is_sqlite(db) else "%s"
        for column, keys in wanted:
            for chunk in chunks(sorted(keys)):
                sql = f"SELECT {_COLUMNS} FROM client WHERE {column} IN ({', '.join([p] * len(chunk))})"
                for row in db.execute_sql(sql, chunk).fetchall():
                    if row[0] not in self.facts:
                        self._register(ClientFacts(*row))

    def _register(self, f: ClientFacts) -> None:
        self.facts[f.id] = f
        self.by_code[f.code.lower()] = f.id
        for index, key in ((self.by_name, f.name), (self.by_name_key, f.name_key), (self.by_base_key, f.base_key),
                           (self.by_email, f.email), (self.by_phone, f.phone_key)):
            if key:
                index.setdefault(key, []).append(f.id)

    def add(self, client: Client) -> None:
        self._register(ClientFacts(client.id, client.code, client.name, client.name_key, client.base_key,
                                   client.email, client.phone_key, client.country, client.archived,
                                   client.default_currency))

    def sure_duplicates(self, name: str = "", email: str = "", phone: str = "") -> list[int]:
        """Ids of clients that are the same company: same name_key, e-mail or phone."""
        ids: dict[int, None] = {}
        for index, key in ((self.by_name_key, name_key(name) if name else ""), (self.by_email, email_key(email)),
                           (self.by_phone, phone_key(phone))):
            for cid in index.get(key, []) if key else []:
                ids.setdefault(cid, None)
        return list(ids)

    def look_alikes(self, name: str, email: str = "", phone: str = "") -> list[int]:
        """Ids of clients that share only the name without legal form."""
        sure = set(self.sure_duplicates(name, email, phone))
        key = base_key(name)
        return [cid for cid in self.by_base_key.get(key, []) if cid not in sure] if key else []

    def by_reference(self, text: str) -> tuple[list[int], list[int]]:
        """How an order row's client text resolves: (matches, look-alikes).

        By code, else exact name, else sure duplicate by name_key; the
        look-alikes are returned apart and never count as a match.
        """
        t = (text or "").strip()
        cid = self.by_code.get(t.lower())
        if cid is not None:
            return [cid], []
        exact = self.by_name.get(t, [])
        if exact:
            return list(dict.fromkeys(exact)), []
        sure = self.by_name_key.get(name_key(t), []) if t else []
        if sure:
            return list(dict.fromkeys(sure)), []
        return [], self.look_alikes(t)

    def labels(self, ids: Iterable[int], limit: int = 5) -> str:
        ids = list(ids)
        text = "、".join(self.facts[i].label() for i in ids[:limit] if i in self.facts)
        return text + (" …" if len(ids) > limit else "")
