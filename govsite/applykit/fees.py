"""The fee bands of 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号, Articles 3–5), as verified against the
text (docs/content.md says where): per application (按件) or per page (按量), progressive, never both."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FeeBand:
    band: str
    fee: str


PER_APPLICATION = (  # 按件计收, Article 4: the same applicant within one calendar month
    FeeBand("10件以下（含10件）", "不收费"),
    FeeBand("11—30件（含30件）的部分", "100元/件"),
    FeeBand("31件以上的部分", "以10件为一档，每增加一档，收费标准提高100元/件"),
)

PER_PAGE = (  # 按量计收, Article 5: for paper copies, e-mail or copied electronic data
    FeeBand("30页以下（含30页）", "不收费"),
    FeeBand("31—100页（含100页）的部分", "10元/页"),
    FeeBand("101—200页（含200页）的部分", "20元/页"),
    FeeBand("201页以上的部分", "40元/页"),
)
