"""URL functions: page paths, encoding, relative resolution (property-based)."""

from __future__ import annotations

from urllib.parse import unquote

from hypothesis import given
from hypothesis import strategies as st

from govsite.urls import encode, is_external, join_base, page_path, resolve_relative

segment = st.text(alphabet=st.characters(blacklist_characters="/\\\x00", blacklist_categories=("Cs",)),
                  min_size=1, max_size=12).filter(lambda s: s not in (".", ".."))


def test_page_path_uses_folders_and_stem() -> None:
    assert page_path("content/policies/2025/tongzhi.md") == "policies/2025/tongzhi/"


def test_slug_replaces_the_stem() -> None:
    assert page_path("content/policies/2025/关于.md", "guanyu") == "policies/2025/guanyu/"


def test_non_ascii_is_percent_encoded() -> None:
    assert encode("pages/指南/") == "pages/%E6%8C%87%E5%8D%97/"


@given(st.lists(segment, min_size=1, max_size=4))
def test_encode_round_trips_and_is_ascii(parts: list[str]) -> None:
    path = "/".join(parts) + "/"
    encoded = encode(path)
    assert encoded.isascii()
    assert " " not in encoded and '"' not in encoded and "<" not in encoded
    assert unquote(encoded) == path


@given(st.lists(segment, min_size=1, max_size=4))
def test_page_path_ends_with_slash_and_never_climbs(parts: list[str]) -> None:
    path = page_path("content/" + "/".join(parts) + ".md")
    assert path.endswith("/")
    assert not path.startswith("/")


@given(st.text(max_size=40))
def test_resolve_relative_never_escapes_the_site(target: str) -> None:
    resolved = resolve_relative("content/policies/2025/a.md", target)
    if resolved is not None:
        assert not resolved.startswith(("/", "../")) and resolved != ".."


def test_resolve_relative_examples() -> None:
    assert resolve_relative("content/a/b.md", "../c/d.md") == "content/c/d.md"
    assert resolve_relative("content/a/b.md", "../../../etc/passwd") is None
    assert resolve_relative("content/a/b.md", "/etc/passwd") is None


def test_join_base() -> None:
    assert join_base("/xxgk/", "catalog/") == "/xxgk/catalog/"
    assert join_base("/", "") == "/"


def test_external_links() -> None:
    assert is_external("https://www.gov.cn/")
    assert is_external("mailto:a@b.cn")
    assert is_external("#top")
    assert not is_external("../a.md")
