from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "fazhi.workbench"
    label = "workbench"
    verbose_name = "工作台"

    def ready(self) -> None:
        from fazhi.org import permissions as P
        from fazhi.workbench.menu import MenuItem, register

        register(
            MenuItem("工作台", "我的待办", "/", order=1),
            MenuItem("工作台", "站内信", "/notifications/", order=2),
            MenuItem("系统", "组织机构", "/units/", P.UNITS_VIEW, order=900),
            MenuItem("系统", "账号管理", "/accounts/", P.ACCOUNTS_MANAGE, order=910),
            MenuItem("系统", "角色与权限", "/roles/", P.ROLES_MANAGE, order=920),
            MenuItem("系统", "账号解锁", "/accounts/", P.SECURITY_MANAGE, order=921),
            MenuItem("系统", "登录日志", "/security/logins/", P.SECURITY_MANAGE, order=930),
            MenuItem("系统", "审计日志", "/audit/", P.AUDIT_VIEW, order=940),
            MenuItem("系统", "基础数据（后台）", "/admin/", P.MASTER_DATA, order=950),
            MenuItem("系统", "个人设置", "/profile/", order=990),
        )
        from fazhi.workbench.calendar_todo import calendar_todo
        from fazhi.workbench.org_transfers import register_org_transfers
        from fazhi.workbench.todo import register as register_todo

        register_org_transfers()
        register_todo(calendar_todo)
