"""The reports module's permission codes and their labels (registered in ReportsConfig.ready)."""

from __future__ import annotations

DASHBOARD = "reports.dashboard"  # 领导驾驶舱: leaders, office staff, community staff (each within scope)
VIEW = "reports.view"  # annual reports and monthly bulletins: leaders and office staff
DRAFT = "reports.draft"  # generate, edit, restore, regenerate: office staff
FINALISE = "reports.finalise"  # sign off: leaders
TARGETS = "reports.targets"  # set the indicator targets the 不足 part is suggested from

LABELS = {
    DASHBOARD: "查看领导驾驶舱",
    VIEW: "查看法治政府建设年度报告和每月通报",
    DRAFT: "起草、编辑法治政府建设年度报告",
    FINALISE: "法治政府建设年度报告定稿",
    TARGETS: "设置统计指标目标值",
}
