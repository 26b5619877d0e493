"""The merchandiser who looks after a client (跟单员): set and checked by the client
service, and what "mine" goes by: the client's new orders are that merchandiser's (as
its quotations and samples already were) — on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from builders import make_order

from gendan_desktop.core import clients
from gendan_desktop.core.errors import ValidationError
from gendan_desktop.core.lists.orders import OrderFilters, find_ids
from gendan_desktop.core.models import AuditLog, Client


def test_the_client_service_sets_and_checks_the_merchandiser(db):
    mine = clients.create_client(name="宁波海天")
    assert mine.merchandiser == "tester"  # whoever enters the client looks after it by default
    client = clients.create_client(name="杭州丝路", merchandiser="  王   磊 ")
    assert Client.get_by_id(client.id).merchandiser == "王 磊"  # as "mine" compares it
    client = clients.update_client(client.id, {"merchandiser": "陈静"}, client.version)
    assert Client.get_by_id(client.id).merchandiser == "陈静"
    assert AuditLog.select().where((AuditLog.entity == "client") & (AuditLog.entity_id == client.id)
                                   & (AuditLog.field == "merchandiser") & (AuditLog.new == "陈静")).exists()
    for bad in ("王" * 101, 42):
        with pytest.raises(ValidationError) as err:
            clients.update_client(client.id, {"merchandiser": bad}, client.version)
        assert err.value.field == "merchandiser"
    assert Client.get_by_id(client.id).merchandiser == "陈静"  # nothing changed
    with pytest.raises(ValidationError) as err:
        clients.create_client(name="太长的跟单员", merchandiser="李" * 101)
    assert "跟单员" in str(err.value) and not Client.select().where(Client.name == "太长的跟单员").exists()
    assert clients.update_client(client.id, {"merchandiser": ""}, client.version).merchandiser == ""  # nobody


def test_mine_follows_the_clients_merchandiser(db):
    client = clients.create_client(name="苏州锦程", merchandiser="王磊")
    other = clients.create_client(name="绍兴纺织")  # the tester's own
    order = make_order(client)  # entered by the tester for 王磊's client
    own = make_order(other)
    assert order.merchandiser == "王磊" and own.merchandiser == "tester"
    assert find_ids(OrderFilters(merchandiser="王磊")) == [order.id]
    assert make_order(client, merchandiser="陈静").merchandiser == "陈静"  # typed on the order: kept
