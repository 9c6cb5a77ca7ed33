"""Vietnamese for the trust rules: whom a document is about, billing after the end, access."""

VI = {
    "The applicant": "Người yêu cầu",
    "The child": "Người được khai sinh (trẻ)",
    "The deceased": "Người chết",
    "The spouse": "Vợ/chồng",
    "about": "giấy tờ của người",
    "ID number matched on": "số định danh đã đối chiếu",
    "Not yet matched: the person it is about is not known yet": (
        "Chưa đối chiếu: chưa xác định được người mà giấy tờ này nói về"
    ),
    "Taken from national data, not asked on paper:": (
        "Lấy từ cơ sở dữ liệu quốc gia, không yêu cầu nộp bản giấy:"
    ),
}
