from django.urls import path

from fazhi.grid.views import events, points, units

urlpatterns = [
    path("events/", events.events, name="grid_events"),
    path("events/new/", events.event_new, name="grid_event_new"),
    path("events/<int:event_id>/", events.event_detail, name="grid_event"),
    path("events/<int:event_id>/photos/<str:attachment_id>/", events.event_photo, name="grid_event_photo"),
    path("events/<int:event_id>/<str:action>/", events.event_action, name="grid_event_action"),
    path("units/", units.units, name="grid_units"),
    path("units/<int:unit_id>/", units.unit_detail, name="grid_unit"),
    path("units/<int:unit_id>/card/", units.unit_card, name="grid_unit_card"),
    path("public/<str:code>/", units.public, name="grid_public"),
    path("points/", points.overview, name="grid_points"),
    path("points/award/", points.award, name="grid_points_award"),
    path("points/households/<int:household_id>/", points.household, name="grid_points_household"),
    path("points/entries/<int:entry_id>/appeal/", points.appeal, name="grid_points_appeal"),
    path("points/proposals/", points.proposals, name="grid_points_proposals"),
    path("points/appeals/", points.appeals, name="grid_points_appeals"),
    path("points/rules/", points.rules, name="grid_points_rules"),
    path("points/items/", points.items, name="grid_points_items"),
    path("activities/", units.activities, name="grid_activities"),
    path(
        "activities/<int:activity_id>/photos/<str:attachment_id>/",
        units.activity_photo,
        name="grid_activity_photo",
    ),
    path("links/cadres/", units.cadre_links, name="grid_cadre_links"),
    path("links/cadres/<int:link_id>/", units.cadre_link, name="grid_cadre_link"),
    path("links/party/", units.party_links, name="grid_party_links"),
    path("links/party/<int:link_id>/", units.party_link, name="grid_party_link"),
    path("roster/", units.roster, name="grid_roster"),
]
