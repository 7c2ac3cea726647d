from __future__ import annotations

from django import forms

from fazhi.org.models import DataScope, UnitKind
from fazhi.org.permissions import CATALOGUE


class UnitForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    kind = forms.ChoiceField(label="类型", choices=UnitKind.choices)
    code = forms.CharField(label="编码", max_length=40)
    phone = forms.CharField(label="公开电话", max_length=40, required=False)
    households = forms.IntegerField(label="户数", required=False, min_value=0)


class AccountForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    display_name = forms.CharField(label="姓名", max_length=60)
    unit_id = forms.TypedChoiceField(label="所属单位", coerce=int, required=False, empty_value=None)
    roles = forms.MultipleChoiceField(label="角色", required=False, widget=forms.CheckboxSelectMultiple)
    phone = forms.CharField(label="手机号", max_length=20, required=False)
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput,
        max_length=128,
        required=False,
        help_text="新建时必填；至少8位，包含3类字符",
    )
    is_active = forms.BooleanField(label="启用", required=False, initial=True)

    def __init__(self, *args, units=(), roles=(), editing=False, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["unit_id"].choices = [("", "（无）")] + [
            (u.pk, f"{'　' * (u.depth - 1)}{u.name}") for u in units
        ]
        self.fields["roles"].choices = [(r.code, r.name) for r in roles]
        if editing:
            self.fields["username"].disabled = True
            self.fields["password"].help_text = "留空则不修改；填写则重置，该账号下次登录须改密码"


class RoleForm(forms.Form):
    code = forms.CharField(label="编码", max_length=40)
    name = forms.CharField(label="名称", max_length=60)
    data_scope = forms.ChoiceField(label="数据权限", choices=DataScope.choices)
    permissions = forms.MultipleChoiceField(label="权限", required=False, widget=forms.CheckboxSelectMultiple)
    custom_unit_ids = forms.TypedMultipleChoiceField(
        label="自定义单位", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    is_leader = forms.BooleanField(label="可担任包案领导", required=False)

    def __init__(self, *args, units=(), editing=False, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["permissions"].choices = sorted(CATALOGUE.items())
        self.fields["custom_unit_ids"].choices = [(u.pk, u.name) for u in units]
        if editing:
            self.fields["code"].disabled = True


class RevealForm(forms.Form):
    purpose = forms.CharField(label="查询事由", max_length=200)
