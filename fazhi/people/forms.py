"""Page forms of the people app: they parse types; the services hold every rule."""

from __future__ import annotations

from django import forms

from fazhi.people.models import (
    CareTeamMember,
    ControlStatus,
    Incident,
    LivingStatus,
    PoliticalStatus,
    Relation,
    SupportMeasure,
    Visit,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # ISO: what <input type=date> accepts


class ResidentForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=60)
    id_number = forms.CharField(label="身份证号", max_length=20, required=False)
    phone = forms.CharField(
        label="手机号", max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    household_id = forms.IntegerField(label="户", required=False, widget=forms.HiddenInput)
    relation = forms.ChoiceField(label="与户主关系", choices=Relation.choices, initial=Relation.HEAD)
    living_status = forms.ChoiceField(label="居住状态", choices=LivingStatus.choices)
    political_status = forms.ChoiceField(label="政治面貌", choices=PoliticalStatus.choices)
    note = forms.CharField(label="备注", max_length=200, required=False)


class BuildingForm(forms.Form):
    unit_id = forms.TypedChoiceField(label="网格", coerce=int)
    name = forms.CharField(label="楼栋", max_length=40, help_text="如：3号楼")
    address = forms.CharField(label="地址", max_length=200, required=False)
    floors = forms.IntegerField(label="层数", min_value=1, max_value=200, required=False)


class HouseholdForm(forms.Form):
    entrance = forms.CharField(label="单元", max_length=20, required=False, help_text="如：1单元；平房可不填")
    room = forms.CharField(label="房号", max_length=20)


class RevealForm(forms.Form):
    purpose = forms.CharField(label="查询事由", max_length=200)


class PurposeForm(forms.Form):
    purpose = forms.CharField(
        label="查询事由",
        max_length=200,
        help_text="重点人员信息属敏感个人信息（《个人信息保护法》第二十八条），每次查看须说明事由并留痕",
    )


class KeyPersonForm(forms.Form):
    category_id = forms.TypedChoiceField(label="类别", coerce=int)
    registered_on = forms.DateField(label="纳入管理日期", widget=DATE)
    danger_level = forms.IntegerField(label="危险性评估等级（0–5）", min_value=0, max_value=5, required=False)
    effective_on = forms.DateField(
        label="判决、裁定生效日期（社区矫正）/ 释放日期", required=False, widget=DATE
    )
    ends_on = forms.DateField(label="管理期满日期", required=False, widget=DATE)
    guardian_name = forms.CharField(label="监护人", max_length=60, required=False)
    guardian_phone = forms.CharField(label="监护人电话", max_length=20, required=False)
    summary = forms.CharField(label="情况摘要", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class VisitForm(forms.Form):
    visited_at = forms.DateTimeField(
        label="走访时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    method = forms.ChoiceField(label="方式", choices=Visit.Method.choices)
    place = forms.CharField(label="地点", max_length=100, initial="家中")
    visitors = forms.CharField(label="走访人员", max_length=200)
    outcome = forms.ChoiceField(label="结果", choices=Visit.Outcome.choices, widget=forms.RadioSelect)
    danger_level = forms.TypedChoiceField(
        label="危险性评估等级",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—（非精神障碍类别可不填）")] + [(str(i), f"{i}级") for i in range(6)],
    )
    stable = forms.BooleanField(label="与上次相比病情稳定", required=False, initial=True)
    findings = forms.CharField(label="情况记录", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CareMemberForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=60, required=False)
    role = forms.ChoiceField(label="职责", choices=CareTeamMember.Role.choices)
    user_id = forms.TypedChoiceField(label="系统账号（可选）", coerce=int, required=False, empty_value=None)
    is_female = forms.BooleanField(label="女性", required=False)


class ControlForm(forms.Form):
    status = forms.ChoiceField(label="管控状态", choices=ControlStatus.choices)
    note = forms.CharField(label="说明", max_length=500, required=False)


class IncidentForm(forms.Form):
    occurred_on = forms.DateField(label="发生日期", widget=DATE)
    severity = forms.ChoiceField(label="性质", choices=Incident.Severity.choices)
    description = forms.CharField(label="经过", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(label="帮扶措施", choices=SupportMeasure.Kind.choices)
    starts_on = forms.DateField(label="开始日期", widget=DATE)
    ends_on = forms.DateField(label="结束日期", required=False, widget=DATE)
    status = forms.ChoiceField(
        label="状态", choices=SupportMeasure.Status.choices, initial=SupportMeasure.Status.ACTIVE
    )
    note = forms.CharField(label="说明", max_length=200, required=False)


class AgreementForm(forms.Form):
    signed_on = forms.DateField(label="签订日期", widget=DATE)
    guardian_name = forms.CharField(label="监护人", max_length=60)
    guardian_phone = forms.CharField(label="监护人电话", max_length=20, required=False)


class ExportRequestForm(forms.Form):
    purpose = forms.CharField(label="导出用途", max_length=200)
    category_id = forms.TypedChoiceField(label="类别", coerce=int, required=False, empty_value=None)
