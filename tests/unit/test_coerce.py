"""Field converters: dates in the site's zone, money without floats, text and lists."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govsite.content import coerce as c
from govsite.content.yamlnodes import parse_yaml

TZ = ZoneInfo("Asia/Shanghai")


def node(text: str):  # type: ignore[no-untyped-def]
    root = parse_yaml(f"v: {text}", "x.md", 2).root
    assert root is not None
    value = root.get("v")
    assert value is not None
    return value


def ctx() -> c.Ctx:
    return c.Ctx("x.md", "v", TZ)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_every_real_date_parses(day: date) -> None:
    assert c.a_date(node(day.isoformat()), ctx()) == day


@given(st.datetimes(min_value=datetime(1992, 1, 1), max_value=datetime(2200, 1, 1)))  # China had DST until 1991
def test_a_datetime_without_offset_is_in_the_site_zone(moment: datetime) -> None:
    moment = moment.replace(microsecond=0)
    parsed = c.a_datetime(node(moment.strftime("%Y-%m-%d %H:%M:%S")), ctx())
    assert parsed == moment.replace(tzinfo=TZ)
    assert parsed.utcoffset() == timedelta(hours=8)


def test_a_date_means_the_start_of_the_day_in_the_site_zone() -> None:
    parsed = c.a_datetime(node("2025-03-01"), ctx())
    assert parsed.isoformat() == "2025-03-01T00:00:00+08:00"


def test_an_offset_is_kept() -> None:
    parsed = c.a_datetime(node("2025-03-01T10:00:00Z"), ctx())
    assert parsed.astimezone(TZ).hour == 18


@pytest.mark.parametrize("raw", ["2024-13-40", "2025-02-30", "昨天", "2025/03/01"])
def test_impossible_dates_are_reported_on_their_line(raw: str) -> None:
    with pytest.raises(c.Invalid) as problem:
        c.a_date(node(raw), ctx())
    diagnostic = problem.value.diagnostics[0]
    assert diagnostic.line == 2 and "not a valid date" in diagnostic.message


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_money_is_exact(amount: Decimal) -> None:
    assert c.money(node(str(amount)), ctx()) == amount


def test_money_rejects_text() -> None:
    with pytest.raises(c.Invalid) as problem:
        c.money(node("一百万"), ctx())
    assert "not an amount" in problem.value.diagnostics[0].message


def test_text_rejects_a_list() -> None:
    with pytest.raises(c.Invalid) as problem:
        c.text(node("[a, b]"), ctx())
    assert "expected text, not a list" in problem.value.diagnostics[0].message


def test_text_list_splits_chinese_commas() -> None:
    assert c.text_list(node("预算，决算、审计"), ctx()) == ("预算", "决算", "审计")
