"""Vietnamese for Hanoi's 2026 rules (issue 25): fee rules, e-receipts, results by post."""

VI = {
    # fee rules
    "The city (People's Council resolution)": "Thành phố (nghị quyết của HĐND)",
    "National (Ministry of Finance circular)": "Trung ương (thông tư của Bộ Tài chính)",
    "Every applicant": "Mọi người nộp",
    "Families of people with meritorious service to the revolution": (
        "Người thuộc gia đình có công với cách mạng"
    ),
    "Members of poor households": "Người thuộc hộ nghèo",
    "People with disabilities": "Người khuyết tật",
    "set by": "cấp quy định",
    "Who sets the amount: the city's People's Council or the national level.": (
        "Cấp quy định mức thu: HĐND Thành phố hay trung ương."
    ),
    "legal source": "căn cứ pháp lý",
    "The act that sets the amount.": "Văn bản quy định mức thu.",
    "reason on the receipt": "lý do ghi trên giấy tiếp nhận",
    "Printed next to the amount, e.g. “miễn theo Nghị quyết 77/2025/NQ-HĐND”.": (
        "In cạnh số tiền, ví dụ “miễn theo Nghị quyết 77/2025/NQ-HĐND”."
    ),
    "fees set by": "phí, lệ phí do cấp quy định",
    "procedure codes": "mã thủ tục",
    "The procedures it covers; empty for every procedure.": (
        "Các thủ tục áp dụng; để trống: mọi thủ tục."
    ),
    "applicant group": "đối tượng",
    "percentage waived": "tỷ lệ miễn, giảm (%)",
    "100: free; less: the share the city pays (a subsidy).": (
        "100: miễn toàn bộ; thấp hơn: phần Thành phố hỗ trợ."
    ),
    "effective from": "hiệu lực từ ngày",
    "effective until": "hiệu lực đến ngày",
    "fee rule": "quy định miễn, giảm phí, lệ phí",
    "fee rules": "các quy định miễn, giảm phí, lệ phí",
    "fee rule at filing": "quy định phí, lệ phí áp dụng khi nộp",
    # e-receipts
    "E-receipt provider": "Tổ chức cung cấp biên lai điện tử",
    "receipt series": "ký hiệu biên lai",
    "receipt lookup code": "mã tra cứu biên lai",
    "receipt lookup address": "địa chỉ tra cứu biên lai",
    "fallback receipt": "biên lai dự phòng",
    "Our own receipt, issued while the e-receipt provider was down.": (
        "Biên lai do hệ thống phát hành khi tổ chức cung cấp biên lai điện tử không phản hồi."
    ),
}
