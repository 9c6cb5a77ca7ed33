"""The catalog in the Django admin: drafts are edited, published versions are read-only."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import get_content_type_for_model
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q, QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.catalog import selectors, services
from motcua.catalog.diff import spec_changes
from motcua.catalog.models import (
    FactSource,
    FactState,
    Fee,
    FeeRule,
    Field,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
)
from motcua.core.errors import DomainError
from motcua.core.text import is_ascii_number


class DraftOnlyInline(admin.TabularInline):
    extra = 0

    def _editable(self, obj: ProcedureVersion | None) -> bool:
        return obj is None or obj.is_draft

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


class DocumentInline(DraftOnlyInline):
    model = RequiredDocument
    fields = [
        "position",
        "name",
        "name_en",
        "kind",
        "quantity",
        "required",
        "replaceable_by",
        "condition",
        "form_template",
        "note",
        "state",
        "source",
        "source_detail",
        "curator_note",
    ]
    readonly_fields = ["source", "source_detail"]


class FeeInline(DraftOnlyInline):
    model = Fee
    fields = [
        "position",
        "name",
        "name_en",
        "amount_vnd",
        "condition",
        "channel",
        "set_by",
        "legal_source",
        "collected_by",
        "state",
        "source",
        "source_detail",
        "curator_note",
    ]
    readonly_fields = ["source", "source_detail"]


class StepInline(DraftOnlyInline):
    model = ProcessStep
    fields = ["position", "name", "name_en", "role", "share_percent"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Catalog file (.json or .xlsx)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".json", ".xlsx")):
            raise forms.ValidationError(_("Choose a .json or .xlsx file."))
        if upload.size > settings.MOTCUA_IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload


@admin.register(FeeRule)
class FeeRuleAdmin(admin.ModelAdmin):
    """The centre configures fee rules (e.g. Resolution 77/2025/NQ-HĐND) as data; a dossier
    keeps the words of the rule that applied at its filing, so an edit never changes it."""

    list_display = ["name", "legal_source", "channel", "set_by", "group", "percent_off"]
    list_filter = ["channel", "set_by", "group"]


class FactStateFilter(admin.SimpleListFilter):
    """Versions by how far their facts can be relied on (time limit, fees, documents)."""

    title = _("facts")
    parameter_name = "facts"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("unverified", _("Something waits for an official (unverified)")),
            ("verified", _("Nothing unverified")),
            ("admin", _("Edited by an official")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        unverified = (
            Q(time_limit_state=FactState.UNVERIFIED)
            | Q(fees__state=FactState.UNVERIFIED)
            | Q(documents__state=FactState.UNVERIFIED)
        )
        edited = (
            Q(time_limit_source=FactSource.ADMIN)
            | Q(fees__source=FactSource.ADMIN)
            | Q(documents__source=FactSource.ADMIN)
        )
        chosen = {"unverified": unverified, "admin": edited}.get(self.value() or "")
        if chosen is not None:
            return queryset.filter(pk__in=ProcedureVersion.objects.filter(chosen).values("pk"))
        if self.value() == "verified":
            return queryset.exclude(pk__in=ProcedureVersion.objects.filter(unverified).values("pk"))
        return queryset


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "is_business"]
    list_filter = ["is_business"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "created_at"]
    search_fields = ["code", "versions__name"]


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "procedure",
        "number",
        "status",
        "level",
        "ministry",
        "field",
        "online",
        "compare",
    ]
    list_display_links = ["name", "procedure"]
    list_filter = [
        "status",
        "level",
        "ministry",
        FactStateFilter,
        "handled_by_city",
        "online",
        "source",
        "boundary_free",
        ("field", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["procedure__code", "name", "search_text"]
    list_select_related = ["procedure", "field"]
    autocomplete_fields = ["procedure", "field"]
    readonly_fields = [
        "number",
        "status",
        "created_at",
        "created_by",
        "published_at",
        "published_by",
    ]
    inlines = [DocumentInline, FeeInline, StepInline]
    actions = ["publish", "new_draft", "export_json", "export_xlsx"]
    change_list_template = "admin/catalog/procedureversion/change_list.html"

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # DOMAIN C2: a published or retired version never changes; edit a new draft instead.
        return (obj is None or obj.is_draft) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return (obj is None or obj.is_draft) and super().has_delete_permission(request, obj)

    def save_model(
        self, request: HttpRequest, obj: ProcedureVersion, form: Any, change: bool
    ) -> None:
        if not change:
            latest = obj.procedure.versions.aggregate(n=Max("number"))["n"] or 0
            obj.number = latest + 1
            obj.created_by = request.user
        if change and {"time_limit_value", "time_limit_unit"} & set(form.changed_data):
            obj.time_limit_source = FactSource.ADMIN
            obj.time_limit_state = FactState.CURATED
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """A fee or document an official edits says who changed it and when (its provenance)."""
        stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        for row in formset.forms:
            edited = set(row.changed_data) - {"position", "DELETE"}
            if edited and hasattr(row.instance, "source_detail"):
                row.instance.source = FactSource.ADMIN
                row.instance.source_detail = f"{request.user.get_username()}, {stamp}"
        super().save_formset(request, form, formset, change)

    @admin.display(description=_("changes"))
    def compare(self, obj: ProcedureVersion) -> Any:
        if obj.number < 2:
            return "–"
        url = reverse("admin:catalog_procedureversion_diff", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("from the previous version"))

    @admin.action(description=_("Publish the selected drafts"))
    def publish(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]) -> None:
        published = 0
        for version in queryset.select_related("procedure"):
            try:
                services.publish_version(version, actor=request.user)
            except services.CatalogImportRefused as exc:
                problems = "; ".join(p.render() for p in exc.problems)
                self.message_user(request, f"{version}: {problems}", messages.ERROR)
            except DomainError as exc:
                self.message_user(request, f"{version}: {exc.render()}", messages.ERROR)
            else:
                self.log_change(request, version, str(_("Published")))
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("%(count)d version published.", "%(count)d versions published.", published)
                % {"count": published},
                messages.SUCCESS,
            )

    @admin.action(description=_("Create a new draft from the selected versions"))
    def new_draft(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]) -> None:
        for version in queryset:
            draft = services.create_draft(version, actor=request.user)
            self.log_addition(
                request, draft, str(_("Draft created from version %d") % version.number)
            )
            self.message_user(request, _("Draft created: %s") % draft, messages.SUCCESS)

    def _download(self, fmt: str, content_type: str) -> HttpResponse:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = HttpResponse(services.export_catalog(fmt), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="catalog-{stamp}.{fmt}"'
        return response

    @admin.action(description=_("Export the published catalog as JSON"))
    def export_json(self, request: HttpRequest, queryset: Any) -> HttpResponse:
        return self._download("json", "application/json")

    @admin.action(description=_("Export the published catalog as Excel (.xlsx)"))
    def export_xlsx(self, request: HttpRequest, queryset: Any) -> HttpResponse:
        return self._download(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )

    def get_urls(self) -> list[URLPattern]:
        extra = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="catalog_procedureversion_import",
            ),
            path(
                "<int:object_id>/diff/",
                self.admin_site.admin_view(self.diff_view),
                name="catalog_procedureversion_diff",
            ),
        ]
        return extra + super().get_urls()

    def _version(self, request: HttpRequest, object_id: Any) -> ProcedureVersion:
        version = self.get_object(request, str(object_id))
        if version is None:
            raise Http404
        if not self.has_view_or_change_permission(request, version):
            raise PermissionDenied
        return version

    def diff_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """What changed between this version and another of the same procedure (by default the
        one before it), field by field and row by row."""
        version = self._version(request, object_id)
        others = version.procedure.versions.exclude(pk=version.pk).order_by("-number")
        chosen = request.GET.get("with", "")
        if chosen and not is_ascii_number(chosen):
            return HttpResponseBadRequest(_("The version to compare with is not valid."))
        other = (
            others.filter(pk=chosen).first()
            if chosen
            else others.filter(number__lt=version.number).first()
        )
        changes = []
        if other is not None:
            older, newer = sorted([other, version], key=lambda v: v.number)
            changes = spec_changes(selectors.version_spec(older), selectors.version_spec(newer))
        else:
            older, newer = None, version
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Changes of %(code)s") % {"code": version.procedure.code},
            "version": version,
            "older": older,
            "newer": newer,
            "others": others,
            "compared": other,
            "changes": changes,
        }
        return TemplateResponse(request, "admin/catalog/procedureversion/diff.html", context)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Who changed what: every version of the procedure (who created and published it,
        when) and every admin change to any of them, with who, when and the fields changed."""
        version = self._version(request, object_id)
        versions = version.procedure.versions.select_related("created_by", "published_by")
        entries = (
            LogEntry.objects.filter(
                content_type=get_content_type_for_model(self.model),
                object_id__in=[str(v.pk) for v in versions],
            )
            .select_related("user")
            .order_by("-action_time")[:500]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "module_name": str(self.opts.verbose_name_plural),
            "object": version,
            "title": _("Change history: %s") % version.procedure.code,
            "subtitle": None,
            "versions": versions.order_by("-number"),
            "entries": entries,
            **(extra_context or {}),
        }
        return TemplateResponse(
            request, "admin/catalog/procedureversion/object_history.html", context
        )

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Import a catalog file as a whole, or show every problem and change nothing."""
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        form = ImportForm(request.POST or None, request.FILES or None)
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                summary = services.import_catalog_file(
                    upload.read(), upload.name, actor=request.user
                )
            except services.CatalogImportRefused as exc:
                problems = [exc.render(), *(p.render() for p in exc.problems)]
            else:
                self.message_user(
                    request,
                    _(
                        "Catalog imported: %(created)d new, %(updated)d updated, "
                        "%(unchanged)d unchanged."
                    )
                    % vars(summary),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:catalog_procedureversion_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "problems": problems,
            "opts": self.model._meta,
            "title": _("Import a catalog"),
        }
        return TemplateResponse(request, "admin/catalog/import.html", context)
