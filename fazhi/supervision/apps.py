from datetime import date

from django.apps import AppConfig


def supervision_sweep_hook(today: date) -> None:
    from fazhi.supervision.services import supervision_escalate_due

    supervision_escalate_due(today=today)


class SupervisionConfig(AppConfig):
    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "督办"

    def ready(self) -> None:
        from fazhi.org import permissions, roles
        from fazhi.supervision import workflow as W
        from fazhi.supervision.todo import supervision_todo
        from fazhi.workbench import menu, todo

        permissions.register(
            {
                W.VIEW: "查看督办单",
                W.ISSUE: "下达督办、审核督办回复",
                W.REPLY: "书面回复督办单",
            }
        )
        roles.grant(roles.LEADER, W.VIEW, W.ISSUE)
        roles.grant(roles.OFFICE_CLERK, W.VIEW, W.REPLY)
        roles.grant(roles.COMMUNITY_CLERK, W.VIEW, W.REPLY)
        roles.grant(roles.GRID_WORKER, W.VIEW)
        roles.grant(roles.ADVISER, W.VIEW, W.REPLY)  # scope "own": the orders assigned to them
        menu.register(menu.MenuItem("督办", "督办事项", "/supervision/", W.VIEW, order=600))
        todo.register(supervision_todo)
        from fazhi.core import indicators
        from fazhi.supervision.alerts import supervision_alerts

        indicators.register_alerts("督查督办", supervision_alerts)
        from fazhi.workbench import sweep

        sweep.register(supervision_sweep_hook)
