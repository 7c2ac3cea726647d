from __future__ import annotations

from typing import Any

from django import forms

from fazhi.reports import present
from fazhi.reports.models import ReportVersion


class GenerateForm(forms.Form):
    unit = forms.ChoiceField(label="单位")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)

    def __init__(self, *args: Any, units: list[tuple[int, str]], year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]
        self.fields["year"].initial = year


class EditForm(forms.Form):
    """Every block of the report as one form; saved together as one new version."""

    base_version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label="标题", max_length=200)
    addressee = forms.CharField(
        label="主送机关", max_length=200, required=False, help_text="如：县委、县政府："
    )
    issuer = forms.CharField(label="发文机关署名", max_length=200, required=False)
    note = forms.CharField(label="修改说明", max_length=200, required=False, help_text="记入版本历史")

    def __init__(self, *args: Any, version: ReportVersion, **kwargs: Any) -> None:
        content = version.content
        initial = {
            "base_version": version.number,
            "title": content["title"],
            "addressee": content.get("addressee", ""),
            "issuer": content.get("issuer", ""),
        }
        self.blocks = present.sections(version)
        for block in self.blocks:
            initial[self.field_name(block["key"])] = block["text"]
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for block in self.blocks:
            self.fields[self.field_name(block["key"])] = forms.CharField(
                label=block["label"],
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": max(3, min(14, 2 + len(block["text"]) // 60))}),
            )

    @staticmethod
    def field_name(key: str) -> str:
        return "s__" + key

    def section_fields(self) -> list[tuple[dict[str, Any], forms.BoundField]]:
        return [(block, self[self.field_name(block["key"])]) for block in self.blocks]

    def texts(self) -> dict[str, str]:
        return {block["key"]: self.cleaned_data[self.field_name(block["key"])] for block in self.blocks}


class TargetForm(forms.Form):
    code = forms.CharField(label="指标代码", max_length=80)
    label = forms.CharField(label="指标名称", max_length=100, required=False)
    target = forms.DecimalField(label="目标值", required=False, help_text="留空即清除该指标的目标值")
    note = forms.CharField(label="依据或说明", max_length=200, required=False)
