from django.urls import path

from fazhi.workbench import health, org_views, transfer_views, views
from fazhi.workbench.bench_views import bench_urlpatterns

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:notification_id>/read/", views.notification_read, name="notification_read"),
    path("jobs/<uuid:job_id>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:job_id>/download/<str:which>/", views.job_download, name="job_download"),
    path("exports/<str:name>/", transfer_views.export, name="export"),
    path("imports/<str:name>/", transfer_views.import_page, name="import"),
    path("imports/<str:name>/template/", transfer_views.template, name="import_template"),
    path("units/", org_views.units, name="units"),
    path("units/<int:unit_id>/", org_views.unit_detail, name="unit_detail"),
    path("accounts/", org_views.accounts, name="accounts"),
    path("accounts/new/", org_views.account_new, name="account_new"),
    path("accounts/unlock/", org_views.account_unlock, name="account_unlock"),
    path("accounts/<int:user_id>/", org_views.account_edit, name="account_edit"),
    path("accounts/<int:user_id>/reveal-phone/", org_views.account_reveal_phone, name="account_reveal_phone"),
    path("roles/", org_views.roles, name="roles"),
    path("roles/new/", org_views.role_edit, name="role_new"),
    path("roles/<str:code>/", org_views.role_edit, name="role_edit"),
    path("audit/", org_views.audit, name="audit"),
    path("security/logins/", org_views.logins, name="logins"),
    path("healthz", health.healthz, name="healthz"),
    *bench_urlpatterns(),  # empty unless FAZHI_BENCH=1
]
