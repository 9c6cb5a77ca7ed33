from django.contrib import admin

from motcua.geography.models import AdministrativeUnit, Agency, ServicePoint


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    readonly_fields = ["code"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "unit"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["unit", "parent"]


@admin.register(ServicePoint)
class ServicePointAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "agency", "unit", "address"]
    search_fields = ["code", "name", "address"]
    autocomplete_fields = ["agency", "unit"]
