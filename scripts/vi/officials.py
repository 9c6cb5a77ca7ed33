"""Vietnamese for the officials' desk (issue 19): queue search and order, the approver's
preview and confirmation, the handler's opinion, cash at the counter, directives, readiness."""

VI = {
    "Dossier code, applicant's name, ID number or phone": (
        "Mã hồ sơ, tên người nộp, số định danh hoặc số điện thoại"
    ),
    "Sort by": "Sắp xếp theo",
    "Due date, nearest first": "Hạn trả kết quả, gần nhất trước",
    "Due date, latest first": "Hạn trả kết quả, xa nhất trước",
    "Received, newest first": "Ngày tiếp nhận, mới nhất trước",
    "%(counter)s dossier": "%(counter)s hồ sơ",
}
VI.update(
    {
        "Handling opinion": "Ý kiến xử lý",
        "What you checked and propose; the next step reads it.": (
            "Những gì bạn đã kiểm tra và đề xuất; bước tiếp theo sẽ đọc ý kiến này."
        ),
        "Handling opinion of the previous step": "Ý kiến xử lý của bước trước",
        "I have read the result and sign it with the agency's digital signature.": (
            "Tôi đã đọc kết quả và ký số bằng chữ ký số của cơ quan."
        ),
        "Confirm that you have read the result before signing.": (
            "Hãy xác nhận bạn đã đọc kết quả trước khi ký."
        ),
        "Read the result before you decide (PDF preview, not signed)": (
            "Đọc kết quả trước khi quyết định (bản xem trước PDF, chưa ký)"
        ),
        "Result preview (PDF, not signed)": "Xem trước kết quả (PDF, chưa ký)",
        "This dossier is finished.": "Hồ sơ này đã hoàn thành.",
        "The result was handed over at %(at)s; nothing is left to do.": (
            "Kết quả đã được trả lúc %(at)s; không còn việc gì phải làm."
        ),
        "Nothing is left to do on it.": "Không còn việc gì phải làm với hồ sơ này.",
        "Nothing: the dossier is finished.": "Không còn việc: hồ sơ đã hoàn thành.",
    }
)
VI.update(
    {
        "This dossier has no unpaid fee to collect.": "Hồ sơ này không có khoản phí chưa nộp.",
        "The dossier changed meanwhile: reload the page and try again.": (
            "Hồ sơ vừa được thay đổi: hãy tải lại trang và thử lại."
        ),
        "The page was out of date: look again and retry.": (
            "Trang đã cũ: hãy xem lại và thử lại."
        ),
        "Cash received: %(amount)s. E-receipt no. %(number)s.": (
            "Đã nhận tiền mặt: %(amount)s. Biên lai điện tử số %(number)s."
        ),
        "Cash at the counter": "Nộp tiền mặt tại quầy",
        "The applicant pays %(amount)s in cash: record it and an e-receipt is issued.": (
            "Người nộp trả %(amount)s bằng tiền mặt: ghi nhận để phát hành biên lai điện tử."
        ),
        "Cash received: %(amount)s": "Đã nhận tiền mặt: %(amount)s",
        "Fees paid: e-receipt no. %(number)s": "Đã nộp phí: biên lai điện tử số %(number)s",
        "E-receipt (PDF)": "Biên lai điện tử (PDF)",
    }
)
VI.update(
    {
        "%(days)s working day": "%(days)s ngày làm việc",
        "%(minutes)d min": "%(minutes)d phút",
        "%(hours)d h": "%(hours)d giờ",
        "%(hours)d h %(minutes)d min": "%(hours)d giờ %(minutes)d phút",
        "Average working time": "Thời gian làm việc trung bình",
        "9 in 10 finished within": "9/10 bước xong trong vòng",
        "more than 60 working days": "hơn 60 ngày làm việc",
        "Average working time spent in a step, for the ten slowest steps.": (
            "Thời gian làm việc trung bình của một bước, cho mười bước chậm nhất."
        ),
    }
)
VI.update(
    {
        "Ward People's Committees": "Ủy ban nhân dân các phường",
        "Commune and special zone People's Committees": "Ủy ban nhân dân các xã, đặc khu",
        "City departments and agencies": "Các sở, ban, ngành thành phố",
        "Police": "Công an",
        "Select all: %(group)s": "Chọn tất cả: %(group)s",
        "Find a unit by name": "Tìm đơn vị theo tên",
        "A reminder by e-mail to the officials of every assignee that has not finished (at most "
        "once a day each).": (
            "Gửi thư điện tử nhắc cán bộ của mọi đơn vị chưa hoàn thành (mỗi đơn vị nhiều nhất "
            "một lần một ngày)."
        ),
        "Urge the assignees": "Đôn đốc các đơn vị",
        "Urged %(urged)d assignees; %(skipped)d were already urged today.": (
            "Đã đôn đốc %(urged)d đơn vị; %(skipped)d đơn vị đã được đôn đốc hôm nay."
        ),
    }
)
VI.update(
    {
        "Download the ranking (Excel)": "Tải bảng xếp hạng (Excel)",
        "Rank": "Thứ tự",
        "Procedures configured (per cent)": "Thủ tục đã cấu hình (%)",
        "Fee account approved": "Tài khoản thu phí đã duyệt",
        "Dossiers in the last 30 days": "Hồ sơ trong 30 ngày qua",
        "yes": "có",
        "no": "không",
    }
)
VI.update(
    {
        "%(n)s complaint about %(unit)s": "%(n)s phản ánh về %(unit)s",
        "Open an inspection case": "Mở vụ việc thanh tra",
        "On %(unit)s, with this complaint as its grounds.": (
            "Đối với %(unit)s, căn cứ vào phản ánh này."
        ),
        "Complaint %(code)s: %(category)s": "Phản ánh %(code)s: %(category)s",
    }
)
VI.update(
    {
        "A dossier's status": "Trạng thái hồ sơ",
        "A dossier's event": "Sự kiện của hồ sơ",
        "A directive's reminder": "Nhắc việc theo chỉ đạo",
        "A complaint's answer": "Trả lời phản ánh",
    }
)
