"""Vietnamese for the operations work: the answer while the database is unreachable."""

VI = {
    "The service is briefly unavailable. Please try again in a moment.": (
        "Hệ thống tạm thời gián đoạn. Vui lòng thử lại sau giây lát."
    ),
}
