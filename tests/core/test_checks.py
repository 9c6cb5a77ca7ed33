from motcua.core.checks import production_settings


def test_production_refuses_the_demo_secret_key_and_debug(settings):
    settings.MOTCUA_ENV = "production"
    settings.SECRET_KEY = "demo-only-insecure-key-change-me-in-production"
    settings.DEBUG = True
    settings.MOTCUA_SIGNING = "demo"
    settings.MOTCUA_SANDBOX_PAYMENTS = True
    settings.MOTCUA_SANDBOX_IDP = True
    settings.MOTCUA_REQUIRE_OTP = False

    assert [e.id for e in production_settings(None)] == [
        "motcua.E001",
        "motcua.E002",
        "motcua.E006",
        "motcua.E005",
        "motcua.E004",
        "motcua.E003",
    ]


def test_production_with_a_real_key_passes_and_the_demo_is_never_checked(settings):
    settings.MOTCUA_ENV = "production"
    settings.SECRET_KEY = "a-real-secret-from-the-vault"
    settings.DEBUG = False
    settings.MOTCUA_SIGNING = "pkcs12"
    settings.MOTCUA_SANDBOX_PAYMENTS = False
    settings.MOTCUA_SANDBOX_IDP = False
    settings.MOTCUA_REQUIRE_OTP = True

    assert production_settings(None) == []
    settings.MOTCUA_ENV = "demo"
    settings.SECRET_KEY = "demo-only-x"
    assert production_settings(None) == []
