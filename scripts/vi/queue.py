"""Vietnamese for the background jobs (the task queue and `motcua worker`)."""

VI = {
    "Background jobs": "Tác vụ nền",
    "job": "tác vụ",
    "period scheduled": "chu kỳ đã lên lịch",
    "scheduled at": "lên lịch lúc",
    "last success": "lần thành công gần nhất",
    "last failure": "lần lỗi gần nhất",
    "failures in a row": "số lần lỗi liên tiếp",
    "periodic job": "tác vụ định kỳ",
    "periodic jobs": "các tác vụ định kỳ",
    "host": "máy chủ",
    "process id": "mã tiến trình",
    "queues": "hàng đợi",
    "worker process": "tiến trình xử lý nền",
    "worker processes": "các tiến trình xử lý nền",
}
