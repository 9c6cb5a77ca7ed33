"""Vietnamese for issue 17's data defences: helpers' registration and consent."""

VI = {
    "signed consent form": "phiếu đồng ý có chữ ký",
    "confirmation in VNeID": "xác nhận trên VNeID",
    "recorded call": "cuộc gọi có ghi âm",
    "how the member consented": "hình thức thành viên đồng ý",
    "consent given at": "thời điểm đồng ý",
    "consent note": "ghi chú về sự đồng ý",
    "The helper's registration is not valid. See the fields.": (
        "Thông tin đăng ký thành viên tổ công nghệ số không hợp lệ. Xem các trường."
    ),
    "No account has this name. The member signs in once (with VNeID) before being registered.": (
        "Không có tài khoản nào mang tên này. Thành viên cần đăng nhập một lần (bằng VNeID) "
        "trước khi được đăng ký."
    ),
    "This person is a helper of another ward; only the centre may move them.": (
        "Người này là thành viên tổ công nghệ số của phường, xã khác; chỉ Trung tâm được "
        "chuyển họ sang đơn vị khác."
    ),
    "Record how the member agreed to be registered.": (
        "Ghi nhận hình thức thành viên đồng ý được đăng ký."
    ),
    "The consent cannot be given in the future.": "Thời điểm đồng ý không thể ở tương lai.",
    "Attach the consent form the member signed.": "Đính kèm phiếu đồng ý có chữ ký của thành viên.",
}
