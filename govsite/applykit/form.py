"""The fields of a 政府信息公开申请表 (Article 29 of the 2019 Regulations), one table for the HTML page and the
.docx, in two versions: 公民 (citizen) and 法人/其他组织 (organisation).

Article 29 asks for (1) the applicant's name or organisation name, 身份证明 and contact details, (2) the name,
文号 or another description of the information wanted, (3) the form of provision and the way to obtain it.
The 2019 text has no "purpose" (用途) requirement (the 2007 text's 生产、生活、科研等特殊需要 was removed), so the
form asks for none.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormField:
    """One box of the form: its label, how many lines to leave, and the choices to tick (if any)."""

    label: str
    lines: int = 1
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormSection:
    title: str
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class FormVersion:
    """One version of the form: its slug (URL and file name) and title."""

    slug: str
    name: str
    sections: tuple[FormSection, ...]

    def labels(self) -> tuple[str, ...]:
        return tuple(f.label for s in self.sections for f in s.fields)


CONTACT = (FormField("联系电话"), FormField("通信地址"), FormField("邮政编码"), FormField("电子邮箱"))

WANTED = FormSection("申请公开的政府信息（第二十九条第二项）", (
    FormField("政府信息的名称"),
    FormField("文号"),
    FormField("其他特征性描述（便于查询的内容描述）", 4),
))

DELIVERY = FormSection("获取信息的方式（第二十九条第三项）", (
    FormField("提供信息的形式", choices=("纸质文本", "电子文件", "其他（请注明）")),
    FormField("获取信息的途径", choices=("邮寄", "电子邮件", "当面领取", "其他（请注明）")),
))

SIGNATURE = FormSection("签署", (FormField("申请人签名或者盖章"), FormField("申请日期")))

CITIZEN = FormVersion("gongmin", "公民", (
    FormSection("申请人信息（第二十九条第一项）", (
        FormField("姓名"),
        FormField("证件名称", choices=("居民身份证", "护照", "其他（请注明）")),
        FormField("证件号码"),
        *CONTACT,
    )),
    WANTED, DELIVERY, SIGNATURE,
))

ORGANISATION = FormVersion("faren", "法人或者其他组织", (
    FormSection("申请人信息（第二十九条第一项）", (
        FormField("名称"),
        FormField("统一社会信用代码"),
        FormField("法定代表人或者负责人"),
        FormField("联系人姓名"),
        *CONTACT,
    )),
    WANTED, DELIVERY, SIGNATURE,
))

VERSIONS = (CITIZEN, ORGANISATION)
