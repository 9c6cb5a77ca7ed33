"""Vietnamese for the trust-edge messages (issue 17: items 8, 13, 15, 16)."""

VI = {
    "Sign-in did not complete": "Đăng nhập chưa hoàn tất",
    "The identity provider (VNeID) did not confirm this sign-in: the link may be old or already used. Please sign in again.": "Nhà cung cấp định danh (VNeID) không xác nhận lần đăng nhập này: đường dẫn có thể đã cũ hoặc đã được dùng. Vui lòng đăng nhập lại.",
    "Sign in again": "Đăng nhập lại",
    "The payment confirmation's amount is not a positive amount of VND.": "Số tiền trong xác nhận thanh toán không phải là một số tiền VND dương hợp lệ.",
    "The request body is too large.": "Nội dung yêu cầu quá lớn.",
    "A date or number in the request is outside the range this service accepts.": "Một ngày hoặc một số trong yêu cầu nằm ngoài phạm vi mà dịch vụ chấp nhận.",
    "Remove the text-direction control characters from this text.": "Hãy xóa các ký tự điều khiển hướng văn bản khỏi nội dung này.",
    "The text contains text-direction control characters, which are not accepted.": "Nội dung có ký tự điều khiển hướng văn bản, không được chấp nhận.",
}
