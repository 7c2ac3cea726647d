"""Page forms of the grid app: they parse types; the services hold every rule."""

from __future__ import annotations

from django import forms

from fazhi.grid.models import (
    ActivityKind,
    CapPeriod,
    Evaluation,
    EventCategory,
    PartyContact,
    RosterRole,
    RuleKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # ISO: what <input type=date> accepts


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"})

    def clean(self, data: object, initial: object = None) -> object:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class EventForm(forms.Form):
    unit_id = forms.TypedChoiceField(label="网格", coerce=int)
    category = forms.ChoiceField(label="类别", choices=EventCategory.choices)
    description = forms.CharField(label="情况描述", widget=forms.Textarea(attrs={"rows": 4}))
    location = forms.CharField(
        label="位置", max_length=200, help_text="如：3号楼东侧；可点“定位”自动填写坐标"
    )
    latitude = forms.DecimalField(required=False, widget=forms.HiddenInput)
    longitude = forms.DecimalField(required=False, widget=forms.HiddenInput)
    photos = MultipleFileField(label="现场照片（可多张）", required=False)


class EventActionForm(forms.Form):
    note = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    assignee_id = forms.TypedChoiceField(label="承办人", coerce=int, required=False, empty_value=None)
    handling = forms.CharField(label="处置情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    feedback = forms.CharField(label="反馈内容", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evaluation = forms.ChoiceField(label="评价", choices=[("", "—"), *Evaluation.choices], required=False)


class AwardForm(forms.Form):
    household_id = forms.TypedChoiceField(label="住户", coerce=int)
    rule_id = forms.TypedChoiceField(label="积分事项", coerce=int)
    occurred_on = forms.DateField(label="发生日期", widget=DATE)
    reason = forms.CharField(label="事由", max_length=200, required=False)
    event_id = forms.TypedChoiceField(label="依据：网格事件", coerce=int, required=False, empty_value=None)
    evidence = forms.FileField(label="依据：照片或材料", required=False)


class RuleForm(forms.Form):
    unit_id = forms.TypedChoiceField(label="适用单位", coerce=int)
    code = forms.CharField(label="编码", max_length=30)
    name = forms.CharField(label="事项", max_length=100)
    kind = forms.ChoiceField(label="类型", choices=RuleKind.choices)
    points = forms.IntegerField(label="分值", min_value=1, max_value=1000)
    cap = forms.IntegerField(label="周期上限（分）", min_value=1, required=False)
    cap_period = forms.ChoiceField(label="上限周期", choices=CapPeriod.choices, initial=CapPeriod.YEAR)
    evidence_required = forms.BooleanField(label="须附依据", required=False, initial=True)


class ItemForm(forms.Form):
    unit_id = forms.TypedChoiceField(label="积分超市所在单位", coerce=int)
    name = forms.CharField(label="商品", max_length=60)
    cost = forms.IntegerField(label="所需积分", min_value=1)
    stock = forms.IntegerField(label="库存", min_value=0)


class RedeemForm(forms.Form):
    item_id = forms.TypedChoiceField(label="商品", coerce=int)
    quantity = forms.IntegerField(label="数量", min_value=1, initial=1)


class AppealForm(forms.Form):
    appellant = forms.CharField(label="申诉人", max_length=60)
    reason = forms.CharField(label="申诉理由", widget=forms.Textarea(attrs={"rows": 2}))


class ActivityForm(forms.Form):
    unit_id = forms.TypedChoiceField(label="网格", coerce=int)
    kind = forms.ChoiceField(label="类别", choices=ActivityKind.choices)
    held_on = forms.DateField(label="日期", widget=DATE)
    title = forms.CharField(label="主题", max_length=100)
    participants = forms.IntegerField(label="参与人数", min_value=0, initial=0)
    content = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleFileField(label="照片", required=False)


class CadreLinkForm(forms.Form):
    cadre_id = forms.TypedChoiceField(label="干部", coerce=int)
    unit_id = forms.TypedChoiceField(label="网格", coerce=int)
    since = forms.DateField(label="起始日期", widget=DATE)
    duty = forms.CharField(label="包联职责", max_length=100, required=False)


class CadreVisitForm(forms.Form):
    visited_on = forms.DateField(label="日期", widget=DATE)
    content = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 3}))
    issues = forms.IntegerField(label="收集问题数", min_value=0, initial=0)


class PartyLinkForm(forms.Form):
    member_id = forms.TypedChoiceField(label="党员", coerce=int)
    household_id = forms.TypedChoiceField(label="联系户", coerce=int)
    since = forms.DateField(label="起始日期", widget=DATE)


class PartyContactForm(forms.Form):
    contacted_on = forms.DateField(label="日期", widget=DATE)
    method = forms.ChoiceField(label="方式", choices=PartyContact.Method.choices)
    content = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 2}))


class RosterForm(forms.Form):
    unit_id = forms.TypedChoiceField(label="网格", coerce=int)
    role = forms.ChoiceField(label="角色", choices=RosterRole.choices)
    name = forms.CharField(label="姓名", max_length=60)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    building_id = forms.TypedChoiceField(
        label="楼栋（楼长、单元长）", coerce=int, required=False, empty_value=None
    )
    entrance = forms.CharField(label="单元（单元长）", max_length=20, required=False)
    specialty = forms.CharField(label="特长/职务", max_length=100, required=False)


class ProfileForm(forms.Form):
    area = forms.CharField(label="区域范围", max_length=300, required=False)
    complaint_phone = forms.CharField(label="监督电话", max_length=40, required=False)
