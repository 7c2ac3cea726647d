"""Permission codes of the disputes app (registered with their labels in apps.py)."""

VIEW = "disputes.view"
INTAKE = "disputes.intake"
MEDIATE = "disputes.mediate"
LEAD = "disputes.lead"
MANAGE_ORGS = "disputes.manage_orgs"
SCREEN = "disputes.screen"
CAMPAIGN = "disputes.campaign"
REVEAL = "disputes.reveal_party"

LABELS = {
    VIEW: "查看矛盾纠纷、调解组织、排查和拉呱日",
    INTAKE: "登记矛盾纠纷、补充当事人、报告公安机关",
    MEDIATE: "调解矛盾纠纷：指派、调解记录、调解协议、终止调解、移交",
    LEAD: "指定包案领导",
    MANAGE_ORGS: "维护调解组织和调解员",
    SCREEN: "排查上报、零报告、拉呱日记录",
    CAMPAIGN: "发起排查活动（常态化与专项排查）",
    REVEAL: "查看当事人完整身份证号、电话（须说明事由）",
}
