"""The centre edits its calendar in the admin; a change applies at once (DOMAIN T1)."""

from django.contrib import admin

from motcua.workcalendar.models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "name", "source")
    list_filter = ("kind",)
    search_fields = ("name", "source")
    date_hierarchy = "day"
