"""A source file's bytes → text with its front matter split off, reporting encodings an editor can fix."""

from __future__ import annotations

from dataclasses import dataclass

from govsite.errors import Diagnostic, error

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class SplitSource:
    """Front matter text (without the `---` lines) and the Markdown body, with their first file lines."""

    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


def decode_text(data: bytes, path: str) -> tuple[str | None, tuple[Diagnostic, ...]]:
    """Decode UTF-8 (a BOM accepted, CRLF normalised); name the likely encoding when it is not UTF-8."""
    if b"\x00" in data:
        return None, (error(path, 1, "this is a binary file, not a Markdown text file",
                            "a document must be plain text; put binary files in attachments"),)
    if len(data) > MAX_DOCUMENT_BYTES:
        return None, (error(path, 1, f"the file is {len(data) // (1024 * 1024)} MB; the limit is 10 MB",
                            "split the document, or attach the long text as a file"),)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, (error(path, 1, f"the file is not UTF-8 text; it looks like {_guess_encoding(data)}",
                            f"convert it to UTF-8, e.g. `iconv -f GB18030 -t UTF-8 {path} > new.md`, "
                            "or choose 'Save as UTF-8' in your editor"),)
    return text.replace("\r\n", "\n").replace("\r", "\n"), ()


def _guess_encoding(data: bytes) -> str:
    for name, label in (("gb18030", "GBK/GB18030 (Chinese)"), ("big5", "Big5 (traditional Chinese)")):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return label
    return "an unknown encoding"


def split_front_matter(text: str, path: str) -> tuple[SplitSource | None, tuple[Diagnostic, ...]]:
    """Split `---` front matter from the body; a missing or unclosed block is an error on line 1."""
    if not text.strip():
        return None, (error(path, 1, "the file is empty",
                            "a document starts with front matter between two '---' lines, then the text"),)
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, (error(path, 1, "the file has no front matter: its first line must be '---'",
                            "start the file with '---', the fields (title: …), and another '---' line"),)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return SplitSource(
                front_matter="\n".join(lines[1:index]),
                front_matter_line=2,
                body="\n".join(lines[index + 1:]),
                body_line=index + 2,
            ), ()
    return None, (error(path, 1, "the front matter is not closed: no second '---' line",
                        "add a line '---' after the last field"),)
