"""The 依申请公开 kit in Chromium: the printable forms on A4 (one or two pages, no field cut), the process page
at 200 % zoom without sideways scrolling, and axe on the kit's pages."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

FORMS = ("yishenqing/czt/gongmin/", "yishenqing/czt/faren/", "yishenqing/bgt/gongmin/", "yishenqing/bgt/faren/")
A4_CONTENT_PX = round((210 - 2 * 12) / 25.4 * 96)  # apply.css: @page margin 12 mm left and right


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("path", FORMS)
def test_form_prints_on_one_or_two_a4_pages(page: Page, served: str, path: str) -> None:
    page.goto(served + path)
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    assert 1 <= _pdf_pages(pdf) <= 2


@pytest.mark.parametrize("path", FORMS)
def test_no_field_is_cut_in_print(page: Page, served: str, path: str) -> None:
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
    page.goto(served + path)
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden() and page.locator(".site-footer").is_hidden()
    assert page.locator(".breadcrumbs").is_hidden()
    cells = page.locator("table.apply-form th, table.apply-form td")
    assert cells.count() >= 2 * 12
    for n in range(cells.count()):
        box = cells.nth(n).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= A4_CONTENT_PX + 0.5, n
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_CONTENT_PX


def test_process_chart_fits_at_200_percent(page: Page, served: str) -> None:
    page.set_viewport_size({"width": 640, "height": 800})  # 1280 px at 200 % zoom
    page.goto(served + "yishenqing/liucheng/")
    chart = page.locator("figure.apply-chart svg").bounding_box()
    assert chart is not None and chart["width"] <= 640
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.get_by_role("img", name="政府信息公开申请办理流程图").count() == 1


@pytest.mark.parametrize("path", ["yishenqing/", "yishenqing/liucheng/", "yishenqing/czt/gongmin/",
                                  "yishenqing/czt/faren/", "pages/yishenqing/"])
def test_kit_pages_have_no_accessibility_violations(page: Page, served: str, path: str) -> None:
    page.goto(served + path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                                               "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()
