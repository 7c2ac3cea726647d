from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "报告与驾驶舱"

    def ready(self) -> None:
        from fazhi.org import permissions, roles
        from fazhi.reports import permissions as P
        from fazhi.reports.todo import annual_report_todo
        from fazhi.workbench import menu, todo

        permissions.register(P.LABELS)
        roles.grant(roles.LEADER, P.DASHBOARD, P.VIEW, P.FINALISE, P.TARGETS)
        roles.grant(roles.OFFICE_CLERK, P.DASHBOARD, P.VIEW, P.DRAFT, P.TARGETS)
        roles.grant(roles.COMMUNITY_CLERK, P.DASHBOARD)
        menu.register(
            menu.MenuItem("统计与报告", "领导驾驶舱", "/reports/", P.DASHBOARD, order=50),
            menu.MenuItem("统计与报告", "法治政府建设年度报告", "/reports/annual/", P.VIEW, order=51),
            menu.MenuItem("统计与报告", "每月通报", "/reports/bulletin/", P.VIEW, order=52),
            menu.MenuItem("统计与报告", "指标目标值", "/reports/targets/", P.TARGETS, order=53),
        )
        todo.register(annual_report_todo)
        from fazhi.core import buckets
        from fazhi.workbench import sweep

        sweep.register(buckets.daily)  # once a day: counts writes that bypassed save()
