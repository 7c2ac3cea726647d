"""The grid app's permission codes and what the built-in roles get (registered in apps.ready)."""

from __future__ import annotations

VIEW = "grid.view"
REPORT = "grid.report"
DISPATCH = "grid.dispatch"
POINTS = "grid.points"
POINTS_APPROVE = "grid.points_approve"
MANAGE = "grid.manage"

CATALOGUE = {
    VIEW: "查看网格工作",
    REPORT: "上报网格事件、记录走访与活动",
    DISPATCH: "受理、派遣、核查结案网格事件",
    POINTS: "登记积分、兑换",
    POINTS_APPROVE: "审批扣分、处理积分申诉",
    MANAGE: "维护网格员名册、包联关系、积分规则与兑换商品",
}

GRANTS = {
    "grid_worker": [VIEW, REPORT, POINTS],
    "community_clerk": [VIEW, REPORT, DISPATCH, POINTS, POINTS_APPROVE, MANAGE],
    "office_clerk": [VIEW, REPORT, DISPATCH, POINTS, POINTS_APPROVE, MANAGE],
    "leader": [VIEW],
}
