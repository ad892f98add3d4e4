"""Diagnostics (`path:line: error: message`) and the exceptions that carry an exit status."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a diagnostic is: errors stop a build, warnings do not (unless --strict)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, pointing at the line an editor must change."""

    path: str
    line: int
    severity: Severity
    message: str
    hint: str = ""

    def format(self) -> str:
        """Render as `path:line: error: message`, the hint on the next line."""
        text = f"{_one_line(self.path)}:{self.line}: {self.severity.value}: {_one_line(self.message)}"
        if self.hint:
            text += f"\n  hint: {_one_line(self.hint)}"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def _one_line(text: str) -> str:
    """Line breaks and control characters an editor wrote are shown escaped, so a diagnostic stays one line."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


def error(path: str, line: int, message: str, hint: str = "") -> Diagnostic:
    """An error diagnostic."""
    return Diagnostic(path, line, Severity.ERROR, message, hint)


def warning(path: str, line: int, message: str, hint: str = "") -> Diagnostic:
    """A warning diagnostic."""
    return Diagnostic(path, line, Severity.WARNING, message, hint)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.is_error for d in diagnostics)


def strictened(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """--strict: every warning becomes an error."""
    return tuple(
        Diagnostic(d.path, d.line, Severity.ERROR, d.message, d.hint) for d in diagnostics
    )


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Stable report order: by file, then line, then message."""
    return tuple(sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.severity.value, d.message)))


class GovsiteError(Exception):
    """Base of govsite's exceptions; each knows its exit status."""

    exit_code = 1


class ContentError(GovsiteError):
    """The site has errors: the diagnostics say where. Exit status 1."""

    exit_code = 1

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        super().__init__(f"{sum(d.is_error for d in diagnostics)} error(s)")
        self.diagnostics = diagnostics


class UsageError(GovsiteError):
    """The command line was wrong. Exit status 2."""

    exit_code = 2


class EnvironmentProblem(GovsiteError):
    """The machine, not the site, stops the command: a folder that is a file, a disk that is full or read-only,
    a program that is missing. Exit status 2."""

    exit_code = 2
