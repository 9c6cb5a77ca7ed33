"""Vietnamese for issue 17's tail: wallet consent at the counter, re-planned due dates."""

VI = {
    "the holder presented their ID card": "người sở hữu xuất trình thẻ căn cước",
    "the holder confirmed in VNeID": "người sở hữu xác nhận trên VNeID",
    "The holder let the counter reuse their wallet": (
        "Người sở hữu đồng ý cho bộ phận một cửa dùng lại giấy tờ trong kho dữ liệu"
    ),
    "Due date re-planned after a calendar change": "Tính lại hạn trả kết quả do thay đổi lịch làm việc",
    "With your consent, documents of your wallet were reused at the counter.": (
        "Với sự đồng ý của bạn, giấy tờ trong kho dữ liệu của bạn đã được dùng lại tại bộ phận "
        "một cửa."
    ),
    "The centre changed its working calendar: the dossier's due date changed.": (
        "Trung tâm đã thay đổi lịch làm việc: hạn trả kết quả của hồ sơ đã thay đổi."
    ),
    "New due date: %(date)s.": "Hạn mới: %(date)s.",
    "The holder's wallet is reached only with their consent: record their confirmation in VNeID "
    "or that they presented their ID card.": (
        "Chỉ được dùng kho dữ liệu của người sở hữu khi họ đồng ý: ghi nhận xác nhận của họ trên "
        "VNeID hoặc việc họ xuất trình thẻ căn cước."
    ),
    "Reuse the holder's wallet (only with their consent)": (
        "Dùng lại kho dữ liệu của người sở hữu (chỉ khi họ đồng ý)"
    ),
    "No: the holder has not consented": "Không: người sở hữu chưa đồng ý",
    "The ID number alone never opens a wallet. Choose how the holder consented, then look them "
    "up again to see their documents.": (
        "Chỉ số định danh thì không mở được kho dữ liệu. Chọn hình thức người sở hữu đồng ý, rồi "
        "tra cứu lại để xem giấy tờ của họ."
    ),
    "Or reuse a document from the holder's wallet": (
        "Hoặc dùng lại giấy tờ trong kho dữ liệu của người sở hữu"
    ),
    "Dossier %(code)s: a new due date": "Hồ sơ %(code)s: hạn trả kết quả mới",
    "The working calendar changed (a holiday or a working day moved): your dossier %(code)s is "
    "now due on %(date)s.": (
        "Lịch làm việc đã thay đổi (ngày nghỉ hoặc ngày làm việc được điều chỉnh): hồ sơ "
        "%(code)s của bạn nay có hạn trả kết quả ngày %(date)s."
    ),
    "Choose a date between %(first)s and %(last)s.": "Chọn một ngày từ %(first)s đến %(last)s.",
    "The report was not made": "Chưa lập được báo cáo",
    "Back to monitoring": "Quay lại trang theo dõi",
    "The end comes before the start.": "Ngày kết thúc ở trước ngày bắt đầu.",
    "%(name)s: taken from national data, it may not be asked on paper.": (
        "%(name)s: đã lấy từ cơ sở dữ liệu quốc gia, không được yêu cầu nộp bản giấy."
    ),
    "Document %(id)s is not one of this dossier's.": "Giấy tờ %(id)s không thuộc hồ sơ này.",
    "Document %(id)s is not listed by the procedure.": (
        "Giấy tờ %(id)s không có trong thành phần hồ sơ của thủ tục."
    ),
}
