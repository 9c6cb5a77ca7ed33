"""Vietnamese for the API contract and the webhooks."""

VI = {
    "Webhook": "Webhook",
    "owner": "chủ sở hữu",
    "URL": "Địa chỉ URL",
    "event types": "loại sự kiện",
    "signing secret": "khóa ký",
    "webhook subscription": "đăng ký nhận sự kiện (webhook)",
    "webhook subscriptions": "các đăng ký nhận sự kiện (webhook)",
    "subscription": "đăng ký nhận sự kiện",
    "Webhooks go over HTTPS to a public address (no private, link-local or loopback address).": (
        "Webhook chỉ gửi qua HTTPS tới địa chỉ công khai (không nhận địa chỉ nội bộ, "
        "link-local hoặc loopback)."
    ),
    "Only systems (the system role) subscribe to events.": (
        "Chỉ các hệ thống (vai trò hệ thống) mới được đăng ký nhận sự kiện."
    ),
}
