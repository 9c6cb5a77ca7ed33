"""Vietnamese for the virtual assistant."""

VI = {
    "Charge": "Phí",
    "Virtual assistant": "Trợ lý ảo",
    "language": "ngôn ngữ",
    "procedure": "thủ tục",
    "procedures offered": "các thủ tục đã gợi ý",
    "dossier awaiting the ID digits": "hồ sơ đang chờ 4 số cuối giấy tờ tùy thân",
    "turns": "số lượt hỏi",
    "created at": "tạo lúc",
    "updated at": "cập nhật lúc",
    "assistant conversation": "cuộc trò chuyện với trợ lý ảo",
    "assistant conversations": "các cuộc trò chuyện với trợ lý ảo",
    "procedure %(code)s, version %(version)d": "thủ tục %(code)s, phiên bản %(version)d",
    "Source: the published catalog, %(cited)s.": "Nguồn: danh mục đã công bố, %(cited)s.",
    "Resolved at: %(level)s level.": "Cấp giải quyết: %(level)s.",
    "Where to file: at any service point in the city, whatever your address.": (
        "Nơi nộp: tại bất kỳ điểm tiếp nhận nào trong thành phố, không phụ thuộc nơi cư trú."
    ),
    "Where to file: tied to %(place)s.": "Nơi nộp: theo %(place)s.",
    "Where to file: with the competent agency (not boundary-free).": (
        "Nơi nộp: tại cơ quan có thẩm quyền (không áp dụng nộp không phụ thuộc địa giới)."
    ),
    "Online: fully online, start here: %(link)s": "Trực tuyến: toàn trình, bắt đầu tại: %(link)s",
    "Online: partly online, start here: %(link)s": "Trực tuyến: một phần, bắt đầu tại: %(link)s",
    "Online: this procedure is not filed online; file it at a service point.": (
        "Trực tuyến: thủ tục này chưa nộp trực tuyến; hãy nộp tại điểm tiếp nhận."
    ),
    "no need to bring it: taken from %(source)s": "không cần mang: lấy từ %(source)s",
    "Documents: the catalog lists none.": "Giấy tờ: danh mục không quy định.",
    "Documents:": "Giấy tờ cần nộp:",
    "Only in some cases:": "Chỉ cần trong một số trường hợp:",
    "amount not stated in the catalog": "mức thu chưa có trong danh mục",
    "free": "miễn phí",
    "Fees: the catalog lists none.": "Lệ phí: danh mục không quy định.",
    "Fees:": "Phí, lệ phí:",
    "Time limit: not stated in the catalog.": "Thời hạn giải quyết: danh mục chưa ghi.",
    "%(n)d working day": "%(n)d ngày làm việc",
    "%(n)d working days": "%(n)d ngày làm việc",
    "%(n)d working hour": "%(n)d giờ làm việc",
    "%(n)d working hours": "%(n)d giờ làm việc",
    "%(n)d day": "%(n)d ngày",
    "%(n)d days": "%(n)d ngày",
    "Time limit: %(limit)s.": "Thời hạn giải quyết: %(limit)s.",
    "Result: %(result)s": "Kết quả: %(result)s",
    "Procedure: %(name)s (code %(code)s).": "Thủ tục: %(name)s (mã %(code)s).",
    "Start filing: %(link)s": "Nộp hồ sơ: %(link)s",
    "I am not sure: I found no procedure in the catalog for this question. Try other words, for example the name of the paper you need.": (
        "Tôi chưa chắc: tôi không tìm thấy thủ tục nào trong danh mục cho câu hỏi này. Hãy thử "
        "diễn đạt khác, ví dụ nêu tên giấy tờ bạn cần."
    ),
    "I am not sure which procedure you mean. The closest ones are:": (
        "Tôi chưa chắc bạn cần thủ tục nào. Các thủ tục gần nhất là:"
    ),
    "Ask again with more detail, or name one of them.": (
        "Hãy hỏi lại rõ hơn, hoặc nêu tên một thủ tục ở trên."
    ),
    "Dossier %(code)s: %(status)s.": "Hồ sơ %(code)s: %(status)s.",
    "Procedure: %(name)s.": "Thủ tục: %(name)s.",
    "Received: %(when)s; due: %(due)s.": "Tiếp nhận: %(when)s; hẹn trả: %(due)s.",
    "Handled by: %(agency)s.": "Cơ quan giải quyết: %(agency)s.",
    "Source: public tracking of dossier %(code)s.": "Nguồn: tra cứu công khai hồ sơ %(code)s.",
    "Please type a question, for example: “đăng ký khai sinh cần gì?”": (
        "Vui lòng nhập câu hỏi, ví dụ: “đăng ký khai sinh cần gì?”"
    ),
    "Please keep the question under %(max)d characters.": (
        "Vui lòng viết câu hỏi ngắn hơn %(max)d ký tự."
    ),
    "Let us keep it polite, please. Ask about a procedure or a dossier and I will help.": (
        "Xin hãy giữ lời lẽ lịch sự. Bạn hỏi về thủ tục hoặc hồ sơ, tôi sẵn lòng giúp."
    ),
    "For your safety, do not send your full ID number here: only its last 4 digits.": (
        "Để an toàn, đừng gửi đầy đủ số định danh ở đây: chỉ cần 4 số cuối."
    ),
    "To see dossier %(code)s, please send the last 4 digits of the applicant's ID number.": (
        "Để xem hồ sơ %(code)s, vui lòng gửi 4 số cuối số định danh của người nộp hồ sơ."
    ),
    "Please send the dossier code printed on your receipt (for example H26.01-261008-0001) and the last 4 digits of the applicant's ID number.": (
        "Vui lòng gửi mã hồ sơ in trên phiếu hẹn (ví dụ H26.01-261008-0001) và 4 số cuối số "
        "định danh của người nộp hồ sơ."
    ),
    "You": "Bạn",
    "Assistant": "Trợ lý",
    "Ask the virtual assistant": "Hỏi trợ lý ảo",
    "Ask in your own words, in Vietnamese or English. Answers come only from the published procedure catalog and name their source.": (
        "Hỏi bằng lời của bạn, tiếng Việt hoặc tiếng Anh. Câu trả lời chỉ lấy từ danh mục thủ "
        "tục đã công bố và ghi rõ nguồn."
    ),
    "Your question": "Câu hỏi của bạn",
    "e.g. đăng ký khai sinh cần giấy tờ gì?": "ví dụ: đăng ký khai sinh cần giấy tờ gì?",
    "Ask": "Hỏi",
    "Back to the page you were on": "Quay lại trang trước",
    "hand in the original": "nộp bản gốc",
    "not needed only if the agency can take it from %(source)s; otherwise bring it": (
        "chỉ không cần mang nếu cơ quan lấy được từ %(source)s; nếu không, hãy mang theo"
    ),
    "in this case: %(condition)s": "trường hợp áp dụng: %(condition)s",
    "not verified yet: an official will confirm it": "chưa được xác minh: cán bộ sẽ xác nhận",
    "(not verified yet: an official will confirm the amount)": (
        "(chưa được xác minh: cán bộ sẽ xác nhận mức thu)"
    ),
    "Time limit: %(limit)s (not verified yet: an official will confirm it).": (
        "Thời hạn giải quyết: %(limit)s (chưa được xác minh: cán bộ sẽ xác nhận)."
    ),
    "For help, call the centre's hotline %(hotline)s.": (
        "Cần hỗ trợ, hãy gọi đường dây nóng của trung tâm: %(hotline)s."
    ),
    "Which one do you mean?": "Bạn hỏi về thủ tục nào trong hai thủ tục sau?",
    "I am not sure: I found no procedure in the catalog for this question. It may be handled by another body. Try other words, for example the name of the paper you need.": (
        "Tôi chưa chắc: tôi không tìm thấy thủ tục nào trong danh mục cho câu hỏi này; việc "
        "này có thể do cơ quan khác giải quyết. Hãy thử diễn đạt khác, ví dụ nêu tên giấy tờ "
        "bạn cần."
    ),
    "Hello! Ask me about an administrative procedure (for example “đăng ký khai sinh cần gì?”) or a dossier you filed.": (
        "Xin chào! Bạn hãy hỏi về một thủ tục hành chính (ví dụ “đăng ký khai sinh cần gì?”) "
        "hoặc về hồ sơ bạn đã nộp."
    ),
    "You are welcome. Ask again whenever you need.": ("Không có gì ạ. Bạn cần gì cứ hỏi tiếp nhé."),
    "I am sorry about that. You can send a complaint or feedback here: %(link)s": (
        "Rất tiếc về việc này. Bạn có thể gửi phản ánh, kiến nghị tại: %(link)s"
    ),
    "It is answered within %(days)d working days.": (
        "Phản ánh được trả lời trong vòng %(days)d ngày làm việc."
    ),
    "Which procedure are you asking about? Name it or the paper you need, for example “lệ phí đăng ký kết hôn”.": (
        "Bạn hỏi về thủ tục nào? Hãy nêu tên thủ tục hoặc giấy tờ bạn cần, ví dụ “lệ phí đăng "
        "ký kết hôn”."
    ),
}
