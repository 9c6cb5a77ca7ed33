"""Vietnamese for the search in residents' words: filters and the no-results page."""

VI = {
    "Field": "Lĩnh vực",
    "Level": "Cấp thực hiện",
    "Any level": "Mọi cấp",
    "Any field": "Mọi lĩnh vực",
    "Online or not": "Trực tuyến hay không",
    "Did you mean": "Có phải bạn tìm",
    "Procedures people file most": "Thủ tục được nộp nhiều nhất",
    "In your own words, with or without diacritics: “lam so do” finds the land use right "
    "certificate.": (
        "Bằng lời của bạn, có dấu hay không dấu: “lam so do” tìm được thủ tục cấp Giấy chứng "
        "nhận quyền sử dụng đất."
    ),
    'Not sure what it is called? <a href="#assistant">Ask the virtual assistant</a> in your own '
    'words, or call the hotline <a href="tel:%(hotline)s">%(hotline)s</a>.': (
        'Không rõ tên thủ tục? <a href="#assistant">Hỏi trợ lý ảo</a> bằng lời của bạn, hoặc gọi '
        'đường dây nóng <a href="tel:%(hotline)s">%(hotline)s</a>.'
    ),
}
