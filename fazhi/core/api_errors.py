"""Translate framework validation errors (pydantic, via django-ninja) into the one error shape, in Chinese."""

from __future__ import annotations

from typing import Any

MESSAGES = {
    "missing": "必填",
    "string_too_short": "长度不能少于{min_length}",
    "string_too_long": "长度不能超过{max_length}",
    "int_parsing": "须为整数",
    "int_type": "须为整数",
    "float_parsing": "须为数字",
    "bool_parsing": "须为是/否",
    "date_parsing": "须为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "须为日期（YYYY-MM-DD）",
    "datetime_parsing": "须为日期时间",
    "datetime_from_date_parsing": "须为日期时间",
    "greater_than_equal": "不能小于{ge}",
    "less_than_equal": "不能大于{le}",
    "greater_than": "须大于{gt}",
    "less_than": "须小于{lt}",
    "literal_error": "取值须为：{expected}",
    "enum": "取值须为：{expected}",
    "list_type": "须为列表",
    "string_type": "须为文本",
    "json_invalid": "请求体不是合法的 JSON",
    "too_long": "条目过多（至多{max_length}项）",
    "value_error": "{msg}",
}


def field_errors(errors: list[dict[str, Any]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for err in errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "payload", "query", "path", "form")]
        name = ".".join(loc) or "body"
        template = MESSAGES.get(err.get("type", ""), "格式不正确")
        ctx = dict(err.get("ctx") or {})
        ctx.setdefault("msg", str(err.get("msg", "")).removeprefix("Value error, "))
        try:
            message = template.format(**ctx)
        except (KeyError, IndexError):
            message = "格式不正确"
        fields.setdefault(name, message)
    return fields
