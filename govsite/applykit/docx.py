"""The application form as a .docx, written as a minimal OOXML package by hand (no dependency), byte for byte
the same on every build: fixed zip entry dates, fixed order, fixed core.xml timestamps."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from govsite.applykit.form import FormVersion
from govsite.registry import Agency

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
CORE_DATE = "2020-01-01T00:00:00Z"  # fixed, so that two builds give the same bytes

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{OOXML}officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/docProps/core.xml" ContentType="{OOXML}package.core-properties+xml"/>
</Types>""".replace("{OOXML}", "application/vnd.openxmlformats-")

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{S}officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="{S}package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>""".replace("{S}", "http://schemas.openxmlformats.org/")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _core(title: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>govsite</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{CORE_DATE}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{CORE_DATE}</dcterms:modified>'
            "</cp:coreProperties>")


def _para(text: str, bold: bool = False, size: int = 0, center: bool = False) -> str:
    props = ('<w:jc w:val="center"/>' if center else "")
    run = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "")
    return (f"<w:p><w:pPr>{props}</w:pPr><w:r><w:rPr>{run}</w:rPr>"
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')


def _cell(text: str, width: int, bold: bool = False) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{_para(text, bold)}</w:tc>')


def _table(rows: list[tuple[str, str]]) -> str:
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    body = "".join(f"<w:tr>{_cell(label, 2800, True)}{_cell(value, 6200)}</w:tr>" for label, value in rows)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="2800"/><w:gridCol w:w="6200"/></w:tblGrid>{body}</w:tbl>')


def _document(version: FormVersion, agency: Agency) -> str:
    office = agency.office
    parts = [_para(f"政府信息公开申请表（{version.name}）", bold=True, size=36, center=True),
             _para(f"受理机关：{agency.name}")]
    if office is not None:
        parts.append(_para(f"受理机构：{office.name}"))
        parts.extend(_para(f"{label}：{value}") for label, value in (
            ("地址", office.address), ("邮政编码", office.postcode), ("办公时间", office.hours),
            ("电话", office.phone), ("传真", office.fax), ("电子邮箱", office.email)) if value)
    for section in version.sections:
        parts.append(_para(section.title, bold=True, size=24))
        parts.append(_table([(f.label, "  ".join("☐" + c for c in f.choices)) for f in section.fields]))
    parts.append(_para("依据《中华人民共和国政府信息公开条例》第二十九条。申请人应当如实填写，并附身份证明复印件。"))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
            + "".join(parts)
            + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
              '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" '
              'w:gutter="0"/></w:sectPr></w:body></w:document>')


def form_docx(version: FormVersion, agency: Agency) -> bytes:
    """The .docx of one form version for one agency; the same inputs give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("docProps/core.xml", _core(f"政府信息公开申请表（{version.name}）")),
                           ("word/document.xml", _document(version, agency))):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
