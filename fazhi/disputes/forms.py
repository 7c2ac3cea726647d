"""Page forms: they parse and type the input; the services validate it against the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.disputes import rules
from fazhi.disputes.models.choices import (
    AgreementForm,
    AgreementScope,
    Cadence,
    CampaignKind,
    CommitteeRole,
    ConfirmationStatus,
    EscalationKind,
    IssueOutcome,
    OrgKind,
    PartyKind,
    PartyRole,
    Route,
    ScreeningSubject,
    Sex,
    SignMethod,
    Source,
    TermStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # ISO: what <input type=date> accepts
TIME = forms.TimeInput(attrs={"type": "time"})
SHORT = forms.Textarea(attrs={"rows": 3})
BLANK: list[tuple[str, str]] = [("", "—")]


def choices(model_choices: Any, blank: bool = False) -> list[tuple[str, str]]:
    return (BLANK if blank else []) + [(str(v), str(label)) for v, label in model_choices.choices if v != ""]


class PartyForm(forms.Form):
    name = forms.CharField(label="姓名或名称", max_length=100, required=False)
    kind = forms.ChoiceField(label="类型", choices=choices(PartyKind), initial=PartyKind.PERSON)
    role = forms.ChoiceField(label="身份", choices=choices(PartyRole))
    sex = forms.ChoiceField(label="性别", choices=choices(Sex, blank=True), required=False)
    id_number = forms.CharField(label="身份证号", max_length=30, required=False)
    phone = forms.CharField(
        label="联系电话", max_length=30, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    address = forms.CharField(label="住址", max_length=200, required=False)
    representative = forms.CharField(
        label="法定代表人或负责人", max_length=60, required=False, help_text="当事人为单位时填写"
    )

    def data_or_none(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        return dict(data) if data.get("name") else None


def party_forms(
    data: Any, count: int = 2, roles: tuple[str, ...] = ("applicant", "respondent", "third")
) -> list[PartyForm]:
    return [
        PartyForm(data, prefix=f"p{i}", initial={"role": roles[min(i, len(roles) - 1)]}) for i in range(count)
    ]


class IntakeForm(forms.Form):
    unit_id = forms.TypedChoiceField(label="所属社区或网格", coerce=int)
    category = forms.ChoiceField(label="纠纷类别")
    source = forms.ChoiceField(label="来源", choices=choices(Source), initial=Source.SCREENING)
    summary = forms.CharField(label="纠纷简要情况", max_length=2000, widget=SHORT)
    claims = forms.CharField(label="当事人诉求", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    place = forms.CharField(label="发生地点", max_length=200, required=False)
    occurred_on = forms.DateField(label="发生日期", required=False, widget=DATE)
    registered_on = forms.DateField(label="登记日期（补录往日纠纷时填写）", required=False, widget=DATE)
    people_involved = forms.IntegerField(label="涉及人数", min_value=1, initial=2)
    amount = forms.DecimalField(
        label="涉及金额（元）", required=False, min_value=0, decimal_places=2, max_digits=14
    )
    police_history = forms.BooleanField(label=rules.RISK_FLAG_LABELS["police_history"], required=False)
    criminal_risk = forms.BooleanField(label=rules.RISK_FLAG_LABELS["criminal_risk"], required=False)
    group_behaviour = forms.BooleanField(label=rules.RISK_FLAG_LABELS["group_behaviour"], required=False)
    extreme_behaviour = forms.BooleanField(label=rules.RISK_FLAG_LABELS["extreme_behaviour"], required=False)
    settled_on_spot = forms.BooleanField(label="已当场化解", required=False)
    resolution = forms.CharField(label="化解情况", required=False, widget=SHORT)

    def __init__(self, *args: Any, units: list[Any], categories: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_id"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]
        self.fields["category"].choices = [(c.code, c.name) for c in categories]  # type: ignore[attr-defined]


class DisputeEditForm(forms.Form):
    category = forms.ChoiceField(label="纠纷类别")
    summary = forms.CharField(label="纠纷简要情况", max_length=2000, widget=SHORT)
    claims = forms.CharField(label="当事人诉求", required=False, widget=SHORT)
    place = forms.CharField(label="发生地点", max_length=200, required=False)
    occurred_on = forms.DateField(label="发生日期", required=False, widget=DATE)
    people_involved = forms.IntegerField(label="涉及人数", min_value=1)
    amount = forms.DecimalField(
        label="涉及金额（元）", required=False, min_value=0, decimal_places=2, max_digits=14
    )
    police_history = forms.BooleanField(label=rules.RISK_FLAG_LABELS["police_history"], required=False)
    criminal_risk = forms.BooleanField(label=rules.RISK_FLAG_LABELS["criminal_risk"], required=False)
    group_behaviour = forms.BooleanField(label=rules.RISK_FLAG_LABELS["group_behaviour"], required=False)
    extreme_behaviour = forms.BooleanField(label=rules.RISK_FLAG_LABELS["extreme_behaviour"], required=False)

    def __init__(self, *args: Any, categories: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.code, c.name) for c in categories]  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    org_id = forms.TypedChoiceField(label="调解组织", coerce=int)
    mediator_ids = forms.TypedMultipleChoiceField(
        label="调解员", coerce=int, widget=forms.CheckboxSelectMultiple
    )
    chosen_by_parties = forms.BooleanField(label="由当事人选择（《人民调解法》第十九条）", required=False)
    on = forms.DateField(label="指派日期", required=False, widget=DATE)
    note = forms.CharField(label="说明", required=False, max_length=200)

    def __init__(self, *args: Any, orgs: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_id"].choices = [(o.pk, f"{o.unit.name} · {o.name}") for o in orgs]  # type: ignore[attr-defined]
        self.fields["mediator_ids"].choices = [  # type: ignore[attr-defined]
            (m.pk, f"{m.name}（{m.org.name} {m.get_role_display()}）")
            for o in orgs
            for m in o.mediators.all()
            if m.is_active
        ]


class LeaderForm(forms.Form):
    leader_id = forms.TypedChoiceField(label="包案领导", coerce=int)
    note = forms.CharField(label="说明", required=False, max_length=200)

    def __init__(self, *args: Any, leaders: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader_id"].choices = [(u.pk, str(u)) for u in leaders]  # type: ignore[attr-defined]


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(
        label="调解意愿", choices=[("agreed", "同意调解"), ("refused", "明确拒绝调解")]
    )
    on = forms.DateField(label="日期", required=False, widget=DATE)
    note = forms.CharField(label="当事人表示", required=False, max_length=200)


class SessionForm(forms.Form):
    held_on = forms.DateField(label="调解日期", widget=DATE)
    start_time = forms.TimeField(label="开始时间", required=False, widget=TIME)
    end_time = forms.TimeField(label="结束时间", required=False, widget=TIME)
    place = forms.CharField(label="地点", max_length=200)
    mediator_ids = forms.TypedMultipleChoiceField(
        label="参加调解的调解员", coerce=int, widget=forms.CheckboxSelectMultiple
    )
    invitees = forms.CharField(
        label="邀请参与人员",
        required=False,
        widget=SHORT,
        help_text="每行一人：姓名、关系，如“刘大爷、邻居兼楼长”（《人民调解法》第二十条：亲属、邻里、同事、专业人员等）",
    )
    invitees_consented = forms.BooleanField(label="邀请已征得当事人同意", required=False)
    record = forms.CharField(label="调解情况记录", widget=forms.Textarea(attrs={"rows": 8}))
    attachment = forms.FileField(
        label="附件（照片、录音、材料）",
        required=False,
        widget=forms.ClearableFileInput(attrs={"multiple": False}),
    )

    def __init__(self, *args: Any, mediators: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mediator_ids"].choices = [(m.pk, m.name) for m in mediators]  # type: ignore[attr-defined]

    def invitee_list(self) -> list[dict[str, str]]:
        people = []
        for line in (self.cleaned_data.get("invitees") or "").splitlines():
            if not line.strip():
                continue
            name, _, relation = line.replace("，", "、").replace(",", "、").partition("、")
            people.append({"name": name.strip(), "relation": relation.strip()})
        return people


class AgreementRecordForm(forms.Form):
    form = forms.ChoiceField(
        label="形式", choices=choices(AgreementForm), widget=forms.RadioSelect, initial=AgreementForm.WRITTEN
    )
    scope = forms.ChoiceField(label="范围", choices=choices(AgreementScope), initial=AgreementScope.FULL)
    reached_on = forms.DateField(label="达成日期", required=False, widget=DATE)
    parties_info = forms.CharField(label="当事人的基本情况", required=False, widget=SHORT)
    facts = forms.CharField(label="纠纷的主要事实", required=False, widget=SHORT)
    disputed_points = forms.CharField(label="争议事项", required=False, widget=SHORT)
    responsibilities = forms.CharField(label="各方当事人的责任", required=False, widget=SHORT)
    content = forms.CharField(label="协议内容", widget=SHORT)
    performance_method = forms.CharField(label="履行方式", required=False, max_length=200)
    performance_deadline = forms.DateField(label="履行期限", required=False, widget=DATE)
    concerns_status_relation = forms.BooleanField(
        label="协议确认身份、收养或婚姻关系（不能申请司法确认）", required=False
    )


class TermForm(forms.Form):
    content = forms.CharField(label="履行内容", required=False, max_length=300)
    obligor_id = forms.TypedChoiceField(label="履行人", coerce=int, required=False, empty_value=None)
    method = forms.CharField(label="方式", required=False, max_length=100)
    due_on = forms.DateField(label="期限", required=False, widget=DATE)

    def __init__(self, *args: Any, parties: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["obligor_id"].choices = [("", "—")] + [(p.pk, p.name) for p in parties]  # type: ignore[attr-defined]


class TerminateForm(forms.Form):
    reason = forms.CharField(label="调解不成的原因", widget=SHORT)
    ended_on = forms.DateField(label="终止日期", required=False, widget=DATE)
    undisputed_facts = forms.CharField(label="没有争议的事实", required=False, widget=SHORT)
    facts_confirmed = forms.BooleanField(label="无争议事实已经双方当事人签字确认", required=False)
    routes = forms.MultipleChoiceField(
        label="告知当事人的其他途径",
        choices=choices(Route),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class SettleForm(forms.Form):
    note = forms.CharField(label="化解情况", widget=SHORT)
    on = forms.DateField(label="化解日期", required=False, widget=DATE)


class EscalationForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=choices(EscalationKind))
    to_whom = forms.CharField(label="报告或移交对象（留空用默认）", required=False, max_length=100)
    reason = forms.CharField(label="事由", widget=SHORT)
    on = forms.DateField(label="日期", required=False, widget=DATE)
    reference = forms.CharField(label="回执或文号", required=False, max_length=60)


class SignForm(forms.Form):
    signer = forms.ChoiceField(label="签署人")
    method = forms.ChoiceField(label="方式", choices=choices(SignMethod), required=False)
    signed_on = forms.DateField(label="签署日期", widget=DATE)
    sealed = forms.BooleanField(label="已加盖调解组织印章", required=False)

    def __init__(self, *args: Any, parties: list[Any], mediators: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signer"].choices = [(f"p{p.pk}", f"当事人 {p.name}") for p in parties] + [  # type: ignore[attr-defined]
            (f"m{m.pk}", f"调解员 {m.name}") for m in mediators
        ]


class MaterialsForm(forms.Form):
    materials = forms.MultipleChoiceField(
        label="已备齐的材料", choices=rules.JC_MATERIALS, widget=forms.CheckboxSelectMultiple, required=False
    )


class ConfirmationForm(forms.Form):
    status = forms.ChoiceField(
        label="进展",
        choices=[
            (s, str(ConfirmationStatus(s).label))
            for s in ("applied", "confirmed", "rejected", "withdrawn", "declined", "lapsed")
        ],
    )
    on = forms.DateField(label="日期", required=False, widget=DATE)
    court = forms.CharField(label="受理法院", required=False, max_length=100)
    case_number = forms.CharField(label="案号", required=False, max_length=60)
    note = forms.CharField(label="说明", required=False, max_length=200)


class FollowUpForm(forms.Form):
    result = forms.ChoiceField(
        label="履行情况",
        choices=[(s, str(TermStatus(s).label)) for s in ("performed", "partial", "breached")],
    )
    checked_on = forms.DateField(label="回访日期", required=False, widget=DATE)
    note = forms.CharField(label="情况说明", required=False, max_length=300)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=300)


class OrgForm(forms.Form):
    unit_id = forms.TypedChoiceField(label="所属单位", coerce=int)
    kind = forms.ChoiceField(label="类型", choices=choices(OrgKind))
    name = forms.CharField(label="名称", max_length=100)
    doc_prefix = forms.CharField(
        label="文书字号", max_length=10, required=False, help_text="调解协议书编号中的字号，如“锦调”"
    )
    description = forms.CharField(label="简介", required=False, widget=SHORT)
    venue = forms.CharField(label="调解场所", max_length=200, required=False)
    venue_note = forms.CharField(label="场所说明", max_length=200, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    rules_text = forms.CharField(label="工作制度", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    term_start = forms.DateField(label="本届任期开始（人民调解委员会）", required=False, widget=DATE)

    def __init__(self, *args: Any, units: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
            del self.fields["kind"]
        else:
            self.fields["unit_id"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]


class MediatorForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=60)
    sex = forms.ChoiceField(label="性别", choices=choices(Sex))
    role = forms.ChoiceField(label="职务", choices=choices(CommitteeRole), initial=CommitteeRole.MEMBER)
    user_id = forms.TypedChoiceField(
        label="工作人员账号（可不选）", coerce=int, required=False, empty_value=None
    )
    ethnicity = forms.CharField(label="民族", max_length=20, initial="汉族", required=False)
    birth_year = forms.IntegerField(label="出生年份", required=False, min_value=1900, max_value=2100)
    occupation = forms.CharField(label="身份或职业", max_length=60, required=False)
    qualifications = forms.CharField(label="资质", required=False, widget=SHORT)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    joined_on = forms.DateField(label="任职日期", required=False, widget=DATE)

    def __init__(self, *args: Any, users: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user_id"].choices = [("", "—")] + [(u.pk, str(u)) for u in users]  # type: ignore[attr-defined]


class TrainingForm(forms.Form):
    held_on = forms.DateField(label="日期", widget=DATE)
    title = forms.CharField(label="培训内容", max_length=200)
    organiser = forms.CharField(label="组织单位", max_length=100, required=False)
    hours = forms.DecimalField(label="学时", min_value=0, max_digits=5, decimal_places=1, initial=2)


class CampaignForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    kind = forms.ChoiceField(label="类型", choices=choices(CampaignKind))
    topic = forms.CharField(
        label="专项主题",
        max_length=40,
        required=False,
        help_text="如春节、冬奥会、全国两会、国庆、党的二十大",
    )
    start_on = forms.DateField(label="开始日期", widget=DATE)
    end_on = forms.DateField(label="结束日期", widget=DATE)
    cadence = forms.ChoiceField(label="报告频次", choices=choices(Cadence))
    subjects = forms.MultipleChoiceField(
        label="排查内容",
        choices=choices(ScreeningSubject),
        widget=forms.CheckboxSelectMultiple,
        initial=["dispute"],
    )
    description = forms.CharField(label="工作要求", required=False, widget=SHORT)


class ItemForm(forms.Form):
    campaign_id = forms.TypedChoiceField(label="排查活动", coerce=int)
    unit_id = forms.TypedChoiceField(label="网格", coerce=int)
    subject = forms.ChoiceField(label="类型", choices=choices(ScreeningSubject))
    category = forms.ChoiceField(label="纠纷类别", required=False)
    description = forms.CharField(label="情况描述", widget=SHORT)
    place = forms.CharField(label="地点", max_length=200, required=False)
    people_involved = forms.IntegerField(label="涉及人数", min_value=1, initial=2)
    found_on = forms.DateField(label="发现日期", required=False, widget=DATE)
    convert = forms.BooleanField(label="同时登记为矛盾纠纷", required=False)

    def __init__(
        self, *args: Any, campaigns: list[Any], units: list[Any], categories: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign_id"].choices = [(c.pk, c.name) for c in campaigns]  # type: ignore[attr-defined]
        self.fields["unit_id"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]
        self.fields["category"].choices = [("", "—")] + [(c.code, c.name) for c in categories]  # type: ignore[attr-defined]


class ReportForm(forms.Form):
    unit_id = forms.TypedChoiceField(label="社区", coerce=int)
    period_start = forms.DateField(widget=forms.HiddenInput)
    zero = forms.BooleanField(label="本期未发现矛盾纠纷，作零报告", required=False)
    summary = forms.CharField(label="情况说明", required=False, widget=SHORT)

    def __init__(self, *args: Any, communities: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_id"].choices = [(u.pk, u.name) for u in communities]  # type: ignore[attr-defined]


class ConvertForm(forms.Form):
    category = forms.ChoiceField(label="纠纷类别")
    summary = forms.CharField(label="纠纷简要情况（留空沿用原描述）", required=False, widget=SHORT)

    def __init__(self, *args: Any, categories: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.code, c.name) for c in categories]  # type: ignore[attr-defined]


class TalkDayForm(forms.Form):
    unit_id = forms.TypedChoiceField(label="社区或网格", coerce=int)
    held_on = forms.DateField(label="日期", widget=DATE)
    start_time = forms.TimeField(label="时间", required=False, widget=TIME)
    place = forms.CharField(label="地点", max_length=200)
    topic = forms.CharField(label="主题", max_length=100, required=False)

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_id"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]


class TalkRecordForm(forms.Form):
    attendance = forms.IntegerField(
        label="参加人数", min_value=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    attendees = forms.CharField(
        label="参加人员", required=False, widget=SHORT, help_text="楼长、单元长、志愿者、社区名人、居民代表等"
    )
    notes = forms.CharField(label="活动记录", required=False, widget=SHORT)


class IssueForm(forms.Form):
    description = forms.CharField(label="反映问题", widget=SHORT)
    raised_by = forms.CharField(label="反映人", max_length=60, required=False)
    category = forms.ChoiceField(label="纠纷类别", required=False)
    outcome = forms.ChoiceField(
        label="处理结果",
        choices=choices(IssueOutcome),
        widget=forms.RadioSelect,
        initial=IssueOutcome.RESOLVED,
    )
    resolution = forms.CharField(label="处理情况", required=False, widget=SHORT)

    def __init__(self, *args: Any, categories: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—")] + [(c.code, c.name) for c in categories]  # type: ignore[attr-defined]


class IssueResolveForm(forms.Form):
    outcome = forms.ChoiceField(
        label="处理结果", choices=[("resolved", "当场解决"), ("referred", "转交部门办理")]
    )
    resolution = forms.CharField(label="处理情况", widget=SHORT)


class RevealForm(forms.Form):
    field = forms.ChoiceField(choices=[("id_number", "身份证号"), ("phone", "联系电话")])
    purpose = forms.CharField(label="查询事由", max_length=200)
