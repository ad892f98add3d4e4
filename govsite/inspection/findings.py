"""Inspection findings (检查指标): a Diagnostic with its indicator, the points it deducts and whether it is a
single-veto (单项否决) item; the verdict (合格 / 不合格) and the summary lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from govsite.errors import Diagnostic, warning

PASS_MARK = Decimal(60)
FULL_SCORE = Decimal(100)


@dataclass(frozen=True)
class Finding:
    """One thing an inspector would mark: `points` deducted (None: the indicator states no figure)."""

    diagnostic: Diagnostic
    indicator: str
    points: Decimal | None = None
    veto: bool = False


def points_text(points: Decimal) -> str:
    """5 → '5', 0.10 → '0.1' (no trailing zeros)."""
    return f"{points.normalize():f}"


def finding(path: str, line: int, indicator: str, message: str, hint: str, *, veto: bool = False,
            points: Decimal | None = None, unverified: bool = False, note: bool = False) -> Finding:
    """A finding whose message starts with its label: [单项否决·…], [扣分 −N·…], [扣分·…] or [栏目·…]."""
    if veto:
        label = f"单项否决·{indicator}" + (f"·扣分 −{points_text(points)}" if points is not None else "")
    elif note:
        label = indicator
    elif points is not None:
        label = f"扣分 −{points_text(points)}·{indicator}"
    else:
        label = f"扣分·{indicator}"
    if unverified:
        hint = f"{hint} (this figure is unverified: see docs/editor/inspection.md)"
    return Finding(warning(path, line, f"[{label}] {message}", hint), indicator, points, veto)


@dataclass(frozen=True)
class Verdict:
    """合格 or 不合格, the score out of 100 and what decided it."""

    passed: bool
    score: Decimal
    vetoes: tuple[str, ...]
    findings: int

    @property
    def label(self) -> str:
        return "合格" if self.passed else "不合格"

    def score_text(self) -> str:
        return points_text(self.score)


def verdict(findings: Sequence[Finding]) -> Verdict:
    """100 minus the stated deductions; any single-veto finding or a score under 60 fails."""
    score = max(Decimal(0), FULL_SCORE - sum((f.points or Decimal(0) for f in findings), Decimal(0)))
    vetoes = tuple(dict.fromkeys(f.indicator for f in findings if f.veto))
    return Verdict(not vetoes and score >= PASS_MARK, score, vetoes, len(findings))


def summary_lines(result: Verdict) -> list[str]:
    """The summary block `govsite check` prints after the findings."""
    lines = [f"govsite: inspection: {result.label} ({result.score_text()}/100), {result.findings} finding(s)"]
    if result.vetoes:
        lines.append("  单项否决: " + "、".join(result.vetoes))
    if result.score < PASS_MARK:
        lines.append(f"  the score is under {PASS_MARK}")
    return lines


def build_line(result: Verdict) -> str:
    """The one line `govsite build` prints."""
    tail = " — run govsite check" if result.findings else ""
    return f"govsite: inspection: {result.label} ({result.score_text()}/100), {result.findings} finding(s){tail}"
