from django.urls import path

from motcua.identity import sandbox_idp

app_name = "sandbox_idp"
urlpatterns = [
    path(".well-known/openid-configuration", sandbox_idp.discovery, name="discovery"),
    path("authorize", sandbox_idp.authorize, name="authorize"),
    path("token", sandbox_idp.token, name="token"),
    path("userinfo", sandbox_idp.userinfo, name="userinfo"),
    path("jwks", sandbox_idp.jwks, name="jwks"),
]
