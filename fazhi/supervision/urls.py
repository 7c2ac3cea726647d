from django.urls import path

from fazhi.supervision import views

urlpatterns = [
    path("", views.order_list, name="supervision_list"),
    path("<int:order_id>/", views.order_detail, name="supervision_detail"),
    path("<int:order_id>/act/<str:action>/", views.order_act, name="supervision_act"),
    path("<int:order_id>/document/", views.order_document, name="supervision_document"),
]
