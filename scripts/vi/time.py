"""Vietnamese for the centre's working calendar and the 15:00 rule (issues 17, 25)."""

VI = {
    "Working calendar": "Lịch làm việc",
    "Day off": "Ngày nghỉ",
    "Working day": "Ngày làm việc",
    "date": "ngày",
    "kind": "loại",
    "source document": "văn bản căn cứ",
    "The document that announced it, e.g. Dispatch 12729/VPCP-KGVX of 25/12/2025.": (
        "Văn bản công bố, ví dụ Công văn 12729/VPCP-KGVX ngày 25/12/2025."
    ),
    "changed at": "thời điểm sửa",
    "calendar day": "ngày trong lịch",
    "calendar days": "các ngày trong lịch",
    "Forwarded to the handling agency": "Chuyển đến cơ quan giải quyết",
    "(paper dossiers received after 15:00 go at the next working day's start)": (
        "(hồ sơ giấy tiếp nhận sau 15 giờ được chuyển vào đầu ngày làm việc tiếp theo)"
    ),
    "Received after 15:00": "Tiếp nhận sau 15 giờ",
    "A same-day procedure received after 15:00 is resolved on the next working day.": (
        "Thủ tục giải quyết trong ngày, hồ sơ tiếp nhận sau 15 giờ được trả kết quả trong ngày"
        " làm việc tiếp theo."
    ),
}
