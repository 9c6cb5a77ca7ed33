"""Vietnamese for the officials' desk (issue 19): queue search and order, the approver's
preview and confirmation, the handler's opinion, cash at the counter, directives, readiness."""

VI = {
    "Search": "Tìm kiếm",
    "Dossier code, applicant's name, ID number or phone": (
        "Mã hồ sơ, tên người nộp, số định danh hoặc số điện thoại"
    ),
    "Sort by": "Sắp xếp theo",
    "Due date, nearest first": "Hạn trả kết quả, gần nhất trước",
    "Due date, latest first": "Hạn trả kết quả, xa nhất trước",
    "Received, newest first": "Ngày tiếp nhận, mới nhất trước",
    "%(counter)s dossier": "%(counter)s hồ sơ",
}
