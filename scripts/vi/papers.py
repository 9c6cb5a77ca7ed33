"""Vietnamese for the papers and the indicators' formulas (issue 19: one definition per figure)."""

VI = {
    "(ended early or on time + in progress within the limit) ÷ (ended + in progress) × 100%": (
        "(số hồ sơ đã giải quyết trước hạn, đúng hạn + số hồ sơ đang giải quyết trong hạn) ÷ "
        "(số hồ sơ đã giải quyết + số hồ sơ đang giải quyết) × 100%"
    ),
    "asked for a supplement ÷ received × 100%": (
        "số hồ sơ phải bổ sung ÷ số hồ sơ tiếp nhận × 100%"
    ),
    "refused ÷ ended × 100%": "số hồ sơ bị từ chối ÷ số hồ sơ đã giải quyết × 100%",
    "received online ÷ received × 100%": "số hồ sơ nộp trực tuyến ÷ số hồ sơ tiếp nhận × 100%",
    "fully online ÷ received for fully online procedures × 100%": (
        "số hồ sơ trực tuyến toàn trình ÷ số hồ sơ của thủ tục đủ điều kiện toàn trình × 100%"
    ),
    "received at a point of another unit ÷ received × 100%": (
        "số hồ sơ tiếp nhận tại điểm của đơn vị khác ÷ số hồ sơ tiếp nhận × 100%"
    ),
    "paid online ÷ received with a fee × 100%": (
        "số hồ sơ thanh toán trực tuyến ÷ số hồ sơ có phí, lệ phí × 100%"
    ),
    "with every document digitised ÷ received × 100%": (
        "số hồ sơ có mọi thành phần được số hóa ÷ số hồ sơ tiếp nhận × 100%"
    ),
    "with an electronic result ÷ resolved with a result × 100%": (
        "số hồ sơ có kết quả điện tử ÷ số hồ sơ đã giải quyết có kết quả × 100%"
    ),
    "with a document reused from data ÷ received × 100%": (
        "số hồ sơ có thành phần tái sử dụng dữ liệu ÷ số hồ sơ tiếp nhận × 100%"
    ),
    "with a document from the personal data store ÷ received × 100%": (
        "số hồ sơ có giấy tờ lấy từ kho dữ liệu cá nhân ÷ số hồ sơ tiếp nhận × 100%"
    ),
    "using population-DB data ÷ received × 100%": (
        "số hồ sơ sử dụng dữ liệu dân cư ÷ số hồ sơ tiếp nhận × 100%"
    ),
    "rated 1 or 2 of 5 ÷ rated × 100%": "số lượt đánh giá 1 hoặc 2 trên 5 ÷ số lượt đánh giá × 100%",
    "complaints answered on time ÷ complaints × 100%": (
        "số phản ánh, kiến nghị được xử lý đúng hạn ÷ số phản ánh, kiến nghị × 100%"
    ),
    "(complaints − complaints answered unsatisfactorily) ÷ complaints × 100%": (
        "(số phản ánh, kiến nghị − số không hài lòng với cách xử lý) ÷ số phản ánh, kiến nghị "
        "× 100%"
    ),
    "ended late ÷ ended × 100%": "số hồ sơ giải quyết quá hạn ÷ số hồ sơ đã giải quyết × 100%",
    "100% − (ended late ÷ ended × 100% + rated 1 or 2 of 5 ÷ ended × 100%)": (
        "100% − (tỷ lệ hồ sơ giải quyết quá hạn + tỷ lệ hồ sơ bị đánh giá không hài lòng)"
    ),
    "Resolved early or on time (Decision 766, 2.1)": (
        "Giải quyết trước hạn, đúng hạn (chỉ số 2.1, Quyết định 766)"
    ),
    "On time (%)": "Đúng hạn (%)",
    "position": "chức vụ",
}
