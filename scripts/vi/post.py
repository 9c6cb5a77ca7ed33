"""Vietnamese for results by post (the delivery app), the e-receipt and fee wording of 2026."""

VI = {
    "Results by post": "Trả kết quả qua bưu chính",
    "Waiting for the postal operator": "Chờ doanh nghiệp bưu chính tiếp nhận",
    "Accepted by the post": "Bưu chính đã nhận",
    "On its way": "Đang phát",
    "Delivered": "Đã phát thành công",
    "Could not be delivered": "Phát không thành công",
    "Returned to the agency": "Đã hoàn về cơ quan",
    "Returned item handled": "Đã xử lý bưu gửi hoàn",
    "The city (Resolution 77/2025/NQ-HĐND)": "Thành phố chi trả (Nghị quyết 77/2025/NQ-HĐND)",
    "The applicant, on delivery": "Người nhận trả khi nhận",
    "Sent again": "Gửi lại",
    "Collected at the counter": "Nhận tại Bộ phận Một cửa",
    "attempt": "lần gửi",
    "order key": "khóa đơn hàng",
    "sender": "người gửi",
    "recipient": "người nhận",
    "item": "bưu gửi",
    "postage paid by": "người trả cước",
    "source of the postage rule": "căn cứ trả cước",
    "postage (VND)": "cước bưu chính (đồng)",
    "tracking number": "số hiệu bưu gửi",
    "proof of delivery": "bằng chứng phát",
    "accepted at": "bưu chính nhận lúc",
    "delivered at": "phát lúc",
    "handled by": "cách xử lý",
    "handled at": "xử lý lúc",
    "postal order": "đơn gửi bưu chính",
    "postal orders": "đơn gửi bưu chính",
    "Postal operator": "Doanh nghiệp bưu chính",
    "The postal operator's callback is not signed as it should be.": (
        "Thông báo của doanh nghiệp bưu chính không có chữ ký hợp lệ."
    ),
    "The postal operator's status could not be read.": (
        "Không đọc được trạng thái bưu gửi do doanh nghiệp bưu chính gửi."
    ),
    "Only a postal item returned to the agency can be handled.": (
        "Chỉ xử lý được bưu gửi đã hoàn về cơ quan."
    ),
    "Give the address the post delivers the result to.": (
        "Nhập địa chỉ để bưu chính chuyển phát kết quả."
    ),
    "Paper results of this procedure are sent by post: choose delivery by post with an "
    "address, or online.": (
        "Kết quả bản giấy của thủ tục này được trả qua dịch vụ bưu chính: chọn nhận qua bưu "
        "chính (kèm địa chỉ) hoặc nhận trực tuyến."
    ),
    "The paper result by post, to my address": "Nhận kết quả bản giấy qua bưu chính, tại địa chỉ của tôi",
    "Address for the post": "Địa chỉ nhận kết quả qua bưu chính",
    "The paper result by post": "Kết quả bản giấy qua bưu chính",
    "Sending": "Lần gửi",
    "Tracking number": "Số hiệu bưu gửi",
    "Being handed to the post": "Đang chuyển cho bưu chính",
    "Postage": "Cước bưu chính",
    "%(amount)s đ, paid by the city": "%(amount)s đ, Thành phố chi trả",
    "%(amount)s đ, paid to the post on delivery": "%(amount)s đ, trả cho bưu tá khi nhận",
    "received by %(name)s": "người nhận: %(name)s",
    "The post could not deliver the result: it is back at the agency, which will send it "
    "again or keep it for you at the counter.": (
        "Bưu chính không phát được kết quả: kết quả đã hoàn về cơ quan giải quyết, cơ quan sẽ "
        "gửi lại hoặc giữ để ông/bà nhận tại Bộ phận Một cửa."
    ),
    "Dossier %(code)s: the result is on its way by post": (
        "Hồ sơ %(code)s: kết quả đang được chuyển qua bưu chính"
    ),
    "The paper result of your dossier %(code)s was handed to the post; tracking number "
    "%(tracking)s.": (
        "Kết quả bản giấy của hồ sơ %(code)s đã được giao cho bưu chính; số hiệu bưu gửi "
        "%(tracking)s."
    ),
    "Dossier %(code)s: the post could not deliver the result": (
        "Hồ sơ %(code)s: bưu chính không phát được kết quả"
    ),
    "The post could not deliver the paper result of your dossier %(code)s (tracking number "
    "%(tracking)s); it is back at %(place)s. Contact it to have it sent again to another "
    "address or to collect it.": (
        "Bưu chính không phát được kết quả bản giấy của hồ sơ %(code)s (số hiệu bưu gửi "
        "%(tracking)s); kết quả đã hoàn về %(place)s. Ông/bà liên hệ để được gửi lại tới địa "
        "chỉ khác hoặc đến nhận."
    ),
    "A postal operator's status callback": "Thông báo trạng thái của doanh nghiệp bưu chính",
    "kind": "loại",
    "Waiver: the fee is not due": "Miễn: không phải nộp",
    "Subsidy: the city pays it": "Hỗ trợ: Thành phố chi trả",
    "Resolution 77/2025: city fees are waived online, national fees subsidised.": (
        "Nghị quyết 77/2025: phí, lệ phí do Thành phố quy định được miễn khi nộp trực tuyến; "
        "phí, lệ phí do Bộ Tài chính quy định được hỗ trợ."
    ),
    "fee lines not covered": "khoản thu không áp dụng",
    "Fee lines whose name contains one of these words are not covered (Resolution 77/2025 "
    "leaves out appraisal fees: “thẩm định”).": (
        "Khoản thu có tên chứa một trong các từ này không được áp dụng (Nghị quyết 77/2025 không "
        "bao gồm phí thẩm định hồ sơ: “thẩm định”)."
    ),
}
