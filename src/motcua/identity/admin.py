from django.contrib import admin

from motcua.identity.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "agency", "service_point"]
    list_filter = ["role"]
    search_fields = ["user__username", "agency__name", "service_point__name"]
    autocomplete_fields = ["user", "agency", "service_point"]
