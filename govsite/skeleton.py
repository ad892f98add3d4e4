"""The statutory pages `govsite init` writes for the editor to fill in: 政府信息公开指南, 依申请公开 and
政府信息公开制度 (the other two statutory columns, the catalog and the annual reports, are generated).

What only the agency knows is marked TODO, one line each, so that `govsite check` lists exactly what is left.
"""

from __future__ import annotations

from datetime import datetime

from govsite.newdoc import TODO


def page_texts(title: str, sponsor: str, today: datetime) -> tuple[tuple[str, str], ...]:
    """(relative path, text) of the three pages, each in the main menu."""
    return (("content/pages/guide.md", _guide(sponsor, today)),
            ("content/pages/yishenqing.md", _application(sponsor)),
            ("content/pages/gongkai-zhidu.md", _rules(title)))


def _guide(sponsor: str, today: datetime) -> str:
    return f"""---
标题: 政府信息公开指南
更新日期: {today:%Y-%m-%d}
菜单: 1
---

为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。\
本指南每年至少更新一次，最近一次更新时间为{today.year}年{today.month}月{today.day}日。

## 一、主动公开

### （一）公开范围

{sponsor}依照《条例》第十九条、第二十条的规定，主动公开涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策\
部署的政府信息。具体内容见本网站“政府信息公开目录”中的法定主动公开内容。

### （二）公开方式

以本网站为主动公开的第一平台，同时通过政府公报、新闻发布会以及报刊、广播、电视等途径公开。

{TODO}: 列出本机关的其他公开渠道和政府信息公开查阅场所（名称、地址、开放时间）。

### （三）公开时限

属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。

## 二、依申请公开

公民、法人或者其他组织可以向{sponsor}申请获取相关政府信息。申请方式、受理机构和办理流程见[依申请公开](yishenqing.md)。

## 三、收费

行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以依照\
《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。

## 四、监督和救济

公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开\
工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。

## 五、政府信息公开工作机构

{TODO}: 工作机构名称、办公地址、办公时间、联系电话、传真、电子邮箱和邮政编码。
"""


def _application(sponsor: str) -> str:
    return f"""---
标题: 依申请公开
菜单: 2
---

除主动公开的政府信息外，公民、法人或者其他组织可以向{sponsor}申请获取相关政府信息。

## 一、受理机构

{TODO}: 受理机构名称、地址、邮政编码、办公时间、联系电话和传真。

## 二、申请方式

申请人可以当面提交或者通过信函、传真提出书面申请；采用书面形式确有困难的，可以口头提出，由受理机构代为填写\
政府信息公开申请。

{TODO}: 只写本机关实际提供的申请方式（如在线申请系统的网址）；没有的方式不要写。

## 三、申请内容

根据《条例》第二十九条，申请应当包括：

1. 申请人的姓名或者名称、身份证明、联系方式；
2. 申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；
3. 申请公开的政府信息的形式要求，包括获取信息的方式、途径。

## 四、办理时限

能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，\
经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。
"""


def _rules(title: str) -> str:
    return f"""---
标题: 政府信息公开制度
菜单: 3
---

本页汇集{title}政府信息公开工作的主要制度依据。

## 法律法规

- 《中华人民共和国政府信息公开条例》（国务院令第711号）
- 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）

## 本机关制度

{TODO}: 列出本机关的政府信息公开工作制度（保密审查、主动公开、依申请公开、考核等），已在本网站发布的可加链接。
"""
