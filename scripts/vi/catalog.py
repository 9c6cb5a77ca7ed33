"""Vietnamese for the whole catalog: the national portal's pages, provenance, unverified facts."""

VI = {
    "As published by the source": "Theo nguồn công bố",
    "Checked by the catalog's curators": "Đã được người biên tập danh mục kiểm tra",
    "Not verified: an official will confirm it": "Chưa xác minh: cán bộ sẽ xác nhận",
    "Not stated": "Không nêu",
    "National Public Service Portal page": "Trang Cổng Dịch vụ công quốc gia",
    "Curated catalog file": "Tệp danh mục đã biên tập",
    "An official's edit in the admin": "Cán bộ sửa trong trang quản trị",
    "Vietnamese citizens": "Công dân Việt Nam",
    "Vietnamese residing abroad": "Người Việt Nam định cư ở nước ngoài",
    "Foreigners": "Người nước ngoài",
    "Organisations (not enterprises or cooperatives)": (
        "Tổ chức (không bao gồm doanh nghiệp, hợp tác xã)"
    ),
    "Foreign organisations": "Tổ chức nước ngoài",
    "Enterprises": "Doanh nghiệp",
    "Foreign-invested enterprises": "Doanh nghiệp có vốn đầu tư nước ngoài",
    "Cooperatives": "Hợp tác xã",
    "Officials and public employees": "Cán bộ, công chức, viên chức",
    "Party members": "Đảng viên",
    "Party organisations": "Tổ chức Đảng",
    "Every channel": "Mọi hình thức nộp",
    "Online": "Trực tuyến",
    "By post": "Qua bưu chính",
    "In person": "Trực tiếp",
    "handled by the city": "thành phố giải quyết",
    "False for procedures only a ministry resolves: shown, not filed here.": (
        "Bỏ chọn với thủ tục chỉ do bộ giải quyết: được hiển thị nhưng không nộp tại đây."
    ),
    "levels on the national portal": "cấp thực hiện trên Cổng DVC quốc gia",
    "who may apply": "đối tượng thực hiện",
    "time limit state": "trạng thái thời hạn",
    "time limit source": "nguồn thời hạn",
    "time limits per channel": "thời hạn theo hình thức nộp",
    "[{channel, value, unit, state, text}] as the source states them.": (
        "[{channel, value, unit, state, text}] đúng như nguồn ghi."
    ),
    "result-type codes": "mã kết quả",
    "publishing decision": "quyết định công bố",
    "national portal page": "trang Cổng DVC quốc gia",
    "source": "nguồn",
    "source crawled on": "ngày thu thập nguồn",
    "sections kept as text": "phần giữ nguyên văn",
    "Sections of the source page no rule could read, verbatim.": (
        "Các phần của trang nguồn chưa có quy tắc đọc được, giữ nguyên văn."
    ),
    "curator notes (internal)": "ghi chú của người biên tập (nội bộ)",
    "curator note (internal)": "ghi chú của người biên tập (nội bộ)",
    "condition": "điều kiện",
    "form template": "mẫu đơn, tờ khai",
    "state": "trạng thái",
    "source detail": "chi tiết nguồn",
    "Who changed it and when, for an official's edit.": "Ai sửa và khi nào, với nội dung cán bộ sửa.",
    "channel": "hình thức nộp",
    "A ministry: not filed with the city": "Cấp bộ: không nộp tại thành phố",
    "Who may apply": "Đối tượng thực hiện",
    "not verified — an official will confirm it": "chưa xác minh — sẽ được cán bộ xác nhận",
    "Published by decision": "Quyết định công bố",
    "This procedure is resolved by a ministry, not by the city: file it on the National Public "
    "Service Portal.": (
        "Thủ tục này do bộ giải quyết, không do thành phố: hãy nộp trên Cổng Dịch vụ công quốc gia."
    ),
    "When": "Khi",
    "Form template": "Mẫu đơn, tờ khai",
    "download it from the National Public Service Portal": "tải tại Cổng Dịch vụ công quốc gia",
    "As published, not yet read into this page": "Nguyên văn nguồn, chưa được đọc vào trang này",
    "No rule of this portal could read these sections; they are shown word for word from the "
    "national portal's page.": (
        "Chưa có quy tắc nào của cổng này đọc được các phần dưới đây; chúng được hiển thị nguyên "
        "văn từ trang Cổng Dịch vụ công quốc gia."
    ),
    "Source": "Nguồn",
    "the city's curated catalog": "danh mục đã biên tập của thành phố",
    "National Public Service Portal": "Cổng Dịch vụ công quốc gia",
    "read on %(day)s": "thu thập ngày %(day)s",
    "The catalog marks this amount unverified: confirm the amount to collect.": (
        "Danh mục ghi mức thu này chưa xác minh: hãy xác nhận số tiền cần thu."
    ),
    "Confirmed amount (VND) for: %(fee)s": "Số tiền đã xác nhận (đồng) cho: %(fee)s",
    "applicant %(value)r is not a known kind": "đối tượng %(value)r không thuộc loại đã biết",
    "%(field)s must be a list of texts": "%(field)s phải là danh sách văn bản",
    "unparsed must map section names to texts": "unparsed phải gồm tên phần và nội dung văn bản",
    # The catalog at scale in the admin (issue 18 item 4).
    "ministry": "bộ, ngành",
    "The ministry folder of the national portal's crawl (bo-tu-phap, ...).": (
        "Thư mục bộ, ngành trong dữ liệu thu thập từ Cổng DVC quốc gia (bo-tu-phap, ...)."
    ),
    "created by": "người tạo",
    "published by": "người công bố",
    "Empty for an import from the terminal.": "Để trống khi nhập từ dòng lệnh.",
    "facts": "độ tin cậy của thông tin",
    "Something waits for an official (unverified)": "Có thông tin chờ cán bộ xác nhận (chưa xác minh)",
    "Nothing unverified": "Không có thông tin chưa xác minh",
    "Edited by an official": "Đã được cán bộ sửa",
    "changes": "thay đổi",
    "from the previous version": "so với phiên bản trước",
    "%(count)d version published.": "Đã công bố %(count)d phiên bản.",
    "Draft created from version %d": "Đã tạo bản nháp từ phiên bản %d",
    "Changes of %(code)s": "Thay đổi của thủ tục %(code)s",
    "Change history: %s": "Lịch sử thay đổi: %s",
    "Process steps": "Các bước xử lý",
    "yes": "có",
    "no": "không",
    "Changes": "Thay đổi",
    "Compare with version": "So sánh với phiên bản",
    "Compare": "So sánh",
    "This is the procedure's only version: there is nothing to compare it with.": (
        "Đây là phiên bản duy nhất của thủ tục: không có phiên bản nào để so sánh."
    ),
    "Versions %(a)s and %(b)s say the same.": "Phiên bản %(a)s và %(b)s có nội dung như nhau.",
    "Versions of this procedure": "Các phiên bản của thủ tục",
    "Version": "Phiên bản",
    "Created": "Tạo lúc",
    "an import from the terminal": "nhập từ dòng lệnh",
    "Changes made in the admin": "Các thay đổi trong trang quản trị",
    "No official has changed this procedure in the admin.": (
        "Chưa có cán bộ nào sửa thủ tục này trong trang quản trị."
    ),
    "Changes from the previous version": "Thay đổi so với phiên bản trước",
    "Date/time": "Ngày/giờ",
    "User": "Người dùng",
}
