"""Admin listings for the plain models (wagtail-modeladmin)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import Office, School


class OfficeAdmin(ModelAdmin):
    model = Office
    menu_label = _("Offices")
    menu_icon = "group"
    list_display = ("name", "phone", "location", "item_count")
    list_export = ("name", "phone", "location", "duties", "sort_order")
    export_filename = "offices"
    search_fields = ("name", "duties", "location")
    ordering = ("sort_order", "name")

    def get_queryset(self, request):

        return super().get_queryset(request).annotate(_item_count=Count("catalogue_items"))

    def item_count(self, obj):
        return obj._item_count

    item_count.short_description = _("catalogue items")
    item_count.admin_order_field = "_item_count"


class SchoolAdmin(ModelAdmin):
    model = School
    menu_label = _("Schools")
    menu_icon = "home"
    list_display = ("name", "stage", "ownership", "address", "phone")
    list_filter = ("stage", "ownership")
    list_export = ("name", "stage", "ownership", "address", "phone", "website")
    export_filename = "schools"
    search_fields = ("name", "address")


class OrganisationsGroup(ModelAdminGroup):
    menu_label = _("Offices and schools")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (OfficeAdmin, SchoolAdmin)


modeladmin_register(OrganisationsGroup)
