from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = "矛盾纠纷"

    def ready(self) -> None:
        from fazhi.core import indicators
        from fazhi.disputes import perms
        from fazhi.disputes.selectors.indicators import figures
        from fazhi.disputes.selectors.todo import todo_items
        from fazhi.org import permissions, roles
        from fazhi.workbench import menu, todo

        permissions.register(perms.LABELS)
        P = perms
        roles.grant(roles.GRID_WORKER, P.VIEW, P.INTAKE, P.SCREEN)
        roles.grant(roles.COMMUNITY_CLERK, P.VIEW, P.INTAKE, P.MEDIATE, P.MANAGE_ORGS, P.SCREEN, P.REVEAL)
        roles.grant(
            roles.OFFICE_CLERK,
            P.VIEW,
            P.INTAKE,
            P.MEDIATE,
            P.MANAGE_ORGS,
            P.SCREEN,
            P.CAMPAIGN,
            P.LEAD,
            P.REVEAL,
        )
        roles.grant(roles.LEADER, P.VIEW, P.MEDIATE, P.LEAD, P.CAMPAIGN, P.REVEAL)
        # A legal adviser mediates the disputes they are assigned to (participation) and sees no other.
        roles.grant(roles.ADVISER, P.VIEW, P.MEDIATE)
        menu.register(
            menu.MenuItem("矛盾纠纷", "纠纷登记", "/disputes/new/", P.INTAKE, order=300),
            menu.MenuItem("矛盾纠纷", "矛盾纠纷", "/disputes/", P.VIEW, order=301),
            menu.MenuItem("矛盾纠纷", "排查上报", "/disputes/screening/report/", P.SCREEN, order=302),
            menu.MenuItem("矛盾纠纷", "排查活动", "/disputes/screening/", P.VIEW, order=303),
            menu.MenuItem("矛盾纠纷", "小板凳拉呱日", "/disputes/talk-days/", P.VIEW, order=304),
            menu.MenuItem("矛盾纠纷", "调解组织", "/disputes/orgs/", P.VIEW, order=305),
            menu.MenuItem("矛盾纠纷", "调解员", "/disputes/mediators/", P.VIEW, order=306),
            menu.MenuItem("矛盾纠纷", "统计指标", "/disputes/indicators/", P.VIEW, order=307),
            menu.MenuItem("矛盾纠纷", "台账导入导出", "/disputes/ledgers/", P.VIEW, order=308),
        )
        todo.register(todo_items)
        indicators.register("矛盾纠纷", figures)
        from fazhi.disputes.selectors.indicators import register_measures

        register_measures()
        from fazhi.disputes.profile import disputes_section
        from fazhi.people.profile import register_section

        register_section(disputes_section)
        from fazhi.disputes.transfers import register_dispute_transfers

        register_dispute_transfers()
