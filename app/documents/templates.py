"""The three letter templates (提示函, 意见书, 建议书) as data the office can edit.

Shipped templates live in resources/letters/<kind>.json; an office-edited copy in
<data folder>/templates/<kind>.json takes precedence. Placeholders are `{dotted.name}` looked up in the
context (a flat key "matter.facts" or nested mappings/objects); `{{` and `}}` are literal braces.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from app.core.letters import DEADLINE_TOKEN
from app.documents.letter_pdf import (
    KINDS,
    BodyParagraph,
    LetterContent,
    LetterKind,
    ReceiptSlip,
    chinese_date,
)
from app.resources import resources_dir

# What the shipped templates use, for the GUI's help text and for callers assembling a context.
PLACEHOLDERS: dict[str, str] = {
    "issuer.name": "发文工会名称（发文机关标志和署名）",
    "letter.number": "发文字号，如 示工监意〔2026〕3号（可为空，草稿尚未编号时）",
    "letter.date": "成文日期（date 或 2026-03-05）；缺省为今天",
    "enterprise.name": "用人单位名称",
    "enterprise.credit_code": "统一社会信用代码",
    "enterprise.address": "住所/地址",
    "matter.category": "违法类别名称，如 加班及加班费",
    "matter.facts": "查明的事实（可多段，以换行分段）",
    "matter.legal_basis": "法律依据，如 《中华人民共和国劳动法》第四十四条",
    "letter.deadline": "本函的期限（发出时按发出日期计算，只存一处，印在【期限】处）",
    "matter.deadline": "同 letter.deadline（旧模板用）",
    "reply_days": "书面答复期限（日）",
    "department.name": "建议书主送的行政部门（劳动保障监察机构）",
    "previous.title": "此前函件的标题（意见书、建议书用）",
    "previous.number": "此前函件的文号（意见书、建议书用）",
    "previous.date": "此前函件的发出日期（意见书、建议书用）",
    "previous.deadline": "此前函件的期限（已届满）",
    "previous.outcome": "此前函件期满后单位的情况（未答复或已答复未整改）",
    "opinion.number": "此前意见书的文号（建议书用）",
    "opinion.date": "此前意见书的日期（建议书用）",
    "organs.procuratorate": "抄送的人民检察院",
    "contact.name": "联系人",
    "contact.phone": "联系电话",
}


class TemplateError(ValueError):
    """A template that cannot be filled or read; the message names the file, the place and the field."""


@dataclass(frozen=True)
class LetterTemplate:
    kind: LetterKind
    source: Path
    data: Mapping[str, Any]

    @property
    def title(self) -> str:
        return str(self.data.get("title", ""))

    @property
    def word(self) -> str:
        """The 代字 of the document number (工监提, 工监意, 工监建)."""
        return str(self.data.get("word", ""))

    @property
    def addressee_rule(self) -> str:
        """'employer' (提示函, 意见书) or 'department' (建议书)."""
        return str(self.data.get("addressee_rule", "employer"))


def template_path(kind: str, data_dir: Path | None = None) -> Path:
    if kind not in KINDS:
        raise TemplateError(f"未知的文书类型“{kind}”，应为 {'、'.join(KINDS)} 之一")
    if data_dir is not None:
        edited = Path(data_dir) / "templates" / f"{kind}.json"
        if edited.is_file():
            return edited
    return resources_dir() / "letters" / f"{kind}.json"


def load_template(kind: str, data_dir: Path | None = None) -> LetterTemplate:
    """The office's copy from `data_dir`/templates when it exists, else the shipped one."""
    path = template_path(kind, data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise TemplateError(f"找不到文书模板 {path}") from exc
    except json.JSONDecodeError as exc:
        raise TemplateError(f"文书模板 {path} 第{exc.lineno}行第{exc.colno}列格式错误：{exc.msg}") from exc
    if not isinstance(data, dict):
        raise TemplateError(f"文书模板 {path} 应为一个 JSON 对象")
    for key in ("title", "addressee", "body"):
        if key not in data:
            raise TemplateError(f"文书模板 {path} 缺少“{key}”")
    if not isinstance(data["body"], list):
        raise TemplateError(f"文书模板 {path} 的“body”应为段落列表")
    return LetterTemplate(cast(LetterKind, kind), path, data)


class MissingPlaceholder(LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


_MISSING = object()


def _lookup(context: Mapping[str, Any], name: str) -> Any:
    if name in context:
        return context[name]
    value: Any = context
    for part in name.split("."):
        value = value.get(part, _MISSING) if isinstance(value, Mapping) else getattr(value, part, _MISSING)
        if value is _MISSING:
            return _MISSING
    return value


def format_value(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return chinese_date(value.date())
    if isinstance(value, dt.date):
        return chinese_date(value)
    if isinstance(value, list | tuple):
        return "；".join(format_value(v) for v in value)
    return str(value)


_formatter = string.Formatter()


def substitute(text: str, context: Mapping[str, Any]) -> str:
    out: list[str] = []
    for literal, field_name, spec, conversion in _formatter.parse(text):
        out.append(literal)
        if field_name is None:
            continue
        name = field_name.strip()
        if conversion or spec:
            name = f"{name}!{conversion}" if conversion else f"{name}:{spec}"
        value = _lookup(context, name)
        if value is _MISSING or value is None:
            raise MissingPlaceholder(name)
        out.append(format_value(value))
    return "".join(out)


class _Layered(Mapping[str, Any]):
    """The caller's context over the template's defaults: a nested value the caller gives wins over a
    flat default of the same dotted name."""

    def __init__(self, context: Mapping[str, Any], defaults: Mapping[str, Any]) -> None:
        self.layers = (context, defaults)

    def __getitem__(self, key: str) -> Any:
        for layer in self.layers:
            value = _lookup(layer, key)
            if value is not _MISSING:
                return value
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and any(_lookup(layer, key) is not _MISSING for layer in self.layers)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(k for layer in self.layers for k in layer))

    def __len__(self) -> int:
        return len(set(k for layer in self.layers for k in layer))


class _Filler:
    def __init__(self, template: LetterTemplate, context: Mapping[str, Any]) -> None:
        self.template = template
        defaults = template.data.get("defaults") or {}
        self.context = _Layered(context, defaults if isinstance(defaults, Mapping) else {})

    def strict(self, text: Any, where: str) -> str:
        try:
            return substitute(str(text), self.context)
        except MissingPlaceholder as exc:
            raise TemplateError(
                f"文书模板 {self.template.source.name} 的{where}中的占位符 {{{exc.name}}} 没有对应的数据"
            ) from None
        except ValueError as exc:  # unbalanced braces
            raise TemplateError(f"文书模板 {self.template.source.name} 的{where}格式错误：{exc}") from None

    def lenient(self, text: Any) -> str | None:
        try:
            return substitute(str(text), self.context)
        except MissingPlaceholder:
            return None
        except ValueError:
            return None


def _as_date(value: Any, source: str) -> dt.date:
    if value is _MISSING or value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise TemplateError(f"成文日期“{value}”不是有效日期（{source}），应写作 2026-03-05") from None


def fill_template(kind: str, context: Mapping[str, Any], *, data_dir: Path | None = None) -> LetterContent:
    """A LetterContent from the template of `kind` and the context; the user edits it before issuing.

    Raises TemplateError naming the template file, the place and the placeholder that has no data."""
    template = load_template(kind, data_dir)
    filler = _Filler(template, context)
    data = template.data

    body: list[BodyParagraph] = []
    for i, raw in enumerate(data["body"], start=1):
        entry: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {"text": raw}
        level = int(entry.get("level", 0) or 0)
        if entry.get("optional"):
            text = filler.lenient(entry.get("text", ""))
            if text is None:
                otherwise = entry.get("otherwise", "")
                text = filler.strict(otherwise, f"正文第{i}段（otherwise）") if otherwise else ""
        else:
            text = filler.strict(entry.get("text", ""), f"正文第{i}段")
        for piece in text.split("\n"):
            if piece.strip():
                body.append(BodyParagraph(piece.strip(), level))

    def lenient_list(key: str) -> list[str]:
        items = data.get(key) or []
        out = []
        for item in items if isinstance(items, list) else [items]:
            value = filler.lenient(item)
            if value and value.strip():
                out.append(value.strip())
        return out

    issuer = filler.strict(data.get("issuer", "{issuer.name}"), "发文机关")
    return LetterContent(
        kind=template.kind,
        issuer=issuer,
        number=filler.lenient(data.get("number", "{letter.number}")) or "",
        title=filler.strict(data["title"], "标题"),
        addressee=filler.strict(data["addressee"], "主送机关"),
        body=body,
        signature=filler.strict(data.get("signature", issuer), "署名"),
        date=_as_date(_lookup(filler.context, "letter.date"), template.source.name),
        attachments=lenient_list("attachments"),
        copy_to=lenient_list("copy_to"),
        contact_person=filler.lenient(data.get("contact_person", "")) or "",
        contact_phone=filler.lenient(data.get("contact_phone", "")) or "",
        receipt=ReceiptSlip() if data.get("receipt", True) else None,
        deadline=_deadline(_lookup(filler.context, "letter.deadline_on")),
    )


def _deadline(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if isinstance(value, str) and value else None
    except ValueError:
        return None


def sample_context(kind: str = "opinion") -> dict[str, Any]:
    """Invented data for `letter sample` and the tests: a long enough case to run onto a second page."""
    word = {"tips": "提", "opinion": "意", "advice": "建"}.get(kind, "意")
    return {
        "issuer": {"name": "示范区总工会"},
        "letter": {
            "number": f"示工监{word}〔2026〕3号",
            "date": dt.date(2026, 3, 5),
            "deadline": DEADLINE_TOKEN,
            "deadline_on": dt.date(2026, 3, 20),
        },
        "enterprise": {
            "name": "示范区恒通精密制造有限公司",
            "credit_code": "91350100M000100Y43",
            "address": "示范区工业大道88号",
        },
        "matter": {
            "category": "加班及加班费",
            "facts": (
                "2026年2月10日，我会劳动法律监督员张明、李华到你单位走访时发现，你单位生产车间一线职工"
                "自2025年11月起普遍每日工作11小时，每周工作6天，每月延长工作时间超过80小时，"
                "明显超过法定上限；部分职工反映休息日加班既未安排补休，也未按规定支付加班工资。\n"
                "经查阅你单位2025年11月至2026年1月的考勤记录和工资支付台账，涉及职工共计126人，"
                "应付未付的延长工作时间工资报酬约人民币38.6万元。"
            ),
            "legal_basis": "《中华人民共和国劳动法》第三十六条、第四十一条、第四十四条和《工资支付暂行规定》第十三条",
            "deadline": DEADLINE_TOKEN,
        },
        "reply_days": 15,
        "department": {"name": "示范区人力资源和社会保障局劳动保障监察大队"},
        "opinion": {"number": "示工监意〔2026〕1号", "date": dt.date(2026, 2, 20)},
        "previous": {
            "title": "工会劳动法律监督意见书" if kind == "advice" else "工会劳动法律监督提示函",
            "number": "示工监意〔2026〕1号" if kind == "advice" else "示工监提〔2026〕1号",
            "date": dt.date(2026, 2, 3),
            "deadline": dt.date(2026, 2, 18),
            "outcome": "该单位逾期未答复、未整改。" if kind == "advice" else "你单位未按期反馈，有关问题仍未纠正。",
        },
        "organs": {"procuratorate": "示范区人民检察院"},
        "contact": {"name": "王芳", "phone": "0591-12345678"},
    }


def known_kinds() -> Sequence[str]:
    return KINDS
