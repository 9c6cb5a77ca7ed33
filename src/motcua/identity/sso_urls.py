from django.urls import path

from motcua.identity import portal_sso, sandbox_portal_idp

app_name = "portal_sso"
urlpatterns = [
    path("", portal_sso.start, name="start"),
    path("callback/", portal_sso.callback, name="callback"),
]
# The sandbox national portal's sign-on, under /sandbox-portal/sso/ (MOTCUA_SANDBOX_PORTAL).
sandbox_urlpatterns = [
    path(
        ".well-known/openid-configuration",
        sandbox_portal_idp.discovery,
        name="sandbox_portal_sso_discovery",
    ),
    path("authorize", sandbox_portal_idp.authorize, name="sandbox_portal_sso_authorize"),
    path("token", sandbox_portal_idp.token, name="sandbox_portal_sso_token"),
    path("userinfo", sandbox_portal_idp.userinfo, name="sandbox_portal_sso_userinfo"),
    path("jwks", sandbox_portal_idp.jwks, name="sandbox_portal_sso_jwks"),
]
