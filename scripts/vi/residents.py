"""Vietnamese for the residents' pages of issue 19 (tracking by code, supplementing, lateness,
filing, payment, rating, complaints, withdrawal)."""

VI = {
    # --- tracking and the error summary -------------------------------------------------------
    "There is a problem": "Có lỗi cần sửa",
    "Enter the dossier code printed on the receipt.": "Nhập mã hồ sơ in trên giấy tiếp nhận.",
    "Enter the last 4 digits of the applicant's ID number.": "Nhập 4 số cuối số định danh cá nhân của người nộp.",
    "Type the code printed on the receipt and the last 4 digits of the applicant's ID number. You need not sign in.": "Nhập mã hồ sơ in trên giấy tiếp nhận và 4 số cuối số định danh cá nhân của người nộp. Bạn không cần đăng nhập.",
    "For example H26.50.00070-261120-0001": "Ví dụ H26.50.00070-261120-0001",
    "Track another dossier": "Tra cứu hồ sơ khác",
    "Track a dossier by its code": "Tra cứu hồ sơ theo mã",
    "Documents are asked for": "Cơ quan yêu cầu bổ sung giấy tờ",
    "Send them by %(until)s: after that the dossier is closed.": "Gửi trước %(until)s: quá thời hạn này hồ sơ sẽ bị đóng.",
    "Upload the documents": "Tải lên giấy tờ",
    "You sign in with VNeID to upload them.": "Bạn đăng nhập bằng VNeID để tải lên.",
    "Were you asked for more documents? Upload them on the dossier's page (you sign in with VNeID):": "Bạn được yêu cầu bổ sung giấy tờ? Tải lên tại trang hồ sơ (đăng nhập bằng VNeID):",
    "Upload the documents asked for": "Tải lên giấy tờ cần bổ sung",
    # --- supplementing ------------------------------------------------------------------------
    "Send them by %(until)s: 15 days after the request, a dossier still waiting is closed.": "Gửi trước %(until)s: sau 15 ngày kể từ khi có yêu cầu mà chưa bổ sung, hồ sơ sẽ bị đóng.",
    "Back to the dossier": "Quay lại hồ sơ",
    "Add the documents asked for: %(code)s": "Bổ sung giấy tờ cho hồ sơ %(code)s",
    "Nothing is asked for this dossier now.": "Hiện không có yêu cầu bổ sung nào cho hồ sơ này.",
    "See where it stands": "Xem tình trạng hồ sơ",
    # --- lateness -----------------------------------------------------------------------------
    "The agency apologises for the delay": "Cơ quan xin lỗi vì đã trễ hạn",
    "New date for the result": "Thời hạn trả kết quả mới",
    "This dossier is late": "Hồ sơ này đã quá hạn",
    "The result was due at %(due)s. The agency must send you an apology letter with a new date.": "Kết quả phải trả lúc %(due)s. Cơ quan phải gửi bạn thư xin lỗi kèm hẹn ngày trả mới.",
    "Complain about the delay": "Phản ánh việc trễ hạn",
}
