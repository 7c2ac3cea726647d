from datetime import date

from django.apps import AppConfig


def petitions_sweep_hook(today: date) -> None:
    from fazhi.petitions.services.sweep import petitions_sweep

    petitions_sweep(today=today)


class PetitionsConfig(AppConfig):
    name = "fazhi.petitions"
    label = "petitions"
    verbose_name = "信访"

    def ready(self) -> None:
        from fazhi.core import indicators
        from fazhi.org import permissions, roles
        from fazhi.petitions import workflow as W
        from fazhi.petitions.indicators import petition_figures
        from fazhi.petitions.supervision import resolve_petition
        from fazhi.petitions.todo import petition_todo
        from fazhi.supervision import targets
        from fazhi.workbench import menu, todo

        permissions.register(
            {
                W.VIEW: "查看信访事项",
                W.REGISTER: "登记信访事项",
                W.ROUTE: "信访事项转办（受理、转送、交办、不予受理）与复查复核受理",
                W.HANDLE: "办理、答复、回访信访事项",
                W.LEAD: "安排包案领导",
                W.SUPERVISE: "督办信访事项",
            }
        )
        roles.grant(roles.OFFICE_CLERK, W.VIEW, W.REGISTER, W.ROUTE, W.HANDLE, W.LEAD)
        roles.grant(roles.LEADER, W.VIEW, W.HANDLE, W.LEAD, W.SUPERVISE)
        roles.grant(roles.COMMUNITY_CLERK, W.VIEW, W.REGISTER, W.HANDLE)
        roles.grant(roles.GRID_WORKER, W.VIEW, W.REGISTER)
        roles.grant(roles.ADVISER, W.VIEW, W.HANDLE)  # scope "own": only the matters assigned to them
        menu.register(
            menu.MenuItem("信访", "信访事项", "/petitions/", W.VIEW, order=200),
            menu.MenuItem("信访", "登记信访", "/petitions/new/", W.REGISTER, order=201),
            menu.MenuItem("信访", "包案看板", "/petitions/board/", W.LEAD, order=202),
            menu.MenuItem("信访", "领导接访日", "/petitions/receptions/", W.VIEW, order=203),
            menu.MenuItem("信访", "信访指标", "/petitions/indicators/", W.VIEW, order=204),
            # The sensitive-period campaigns (大排查大调处) are shared with the disputes module.
            menu.MenuItem("信访", "专项排查", "/disputes/screening/", "disputes.view", order=205),
        )
        todo.register(petition_todo)
        indicators.register("信访", petition_figures)
        from fazhi.petitions.indicators import register_measures

        register_measures()
        from fazhi.petitions.alerts import petition_alerts

        indicators.register_alerts("信访", petition_alerts)
        targets.register("petitions.petition", "信访事项", resolve_petition)
        from fazhi.petitions.transfers import register_petition_transfers
        from fazhi.workbench import sweep

        register_petition_transfers()
        from fazhi.people.profile import register_section
        from fazhi.petitions.profile import petitions_section

        register_section(petitions_section)
        sweep.register(petitions_sweep_hook)
