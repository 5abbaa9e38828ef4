"""Admin: 设置 › 工作日历 (the days the chinese-calendar library does not know)."""
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import CalendarDay, CalendarYear


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Holidays and make-up days")
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    form_fields = ["date", "kind", "name"]
    add_to_admin_menu = False


class CalendarYearViewSet(ModelViewSet):
    model = CalendarYear
    icon = "calendar-check"
    menu_label = _("Years entered by hand")
    list_display = ["year", "source"]
    form_fields = ["year", "source"]
    add_to_admin_menu = False


class WorkingDayCalendarGroup(ModelViewSetGroup):
    menu_label = _("Working-day calendar")
    menu_icon = "calendar-alt"
    menu_order = 900
    items = (CalendarDayViewSet("calendar_days"), CalendarYearViewSet("calendar_years"))


@hooks.register("register_admin_viewset")
def register_calendar():
    return WorkingDayCalendarGroup()
