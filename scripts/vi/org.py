"""Vietnamese for organisations and enterprises as applicants (issue 22)."""

VI = {
    # --- the enterprise code and the applicant's kind ----------------------------------------
    "A branch or dependent unit has a 13-digit code (0101248141-001).": (
        "Chi nhánh, đơn vị phụ thuộc có mã số 13 chữ số (0101248141-001)."
    ),
    "A dependent unit's code ends with a hyphen and 3 digits from 001 (0101248141-001).": (
        "Mã số đơn vị phụ thuộc kết thúc bằng dấu gạch ngang và 3 chữ số từ 001 (0101248141-001)."
    ),
    "An enterprise code has 10 digits, or 13 for a dependent unit (0101248141-001).": (
        "Mã số doanh nghiệp gồm 10 chữ số, hoặc 13 chữ số với đơn vị phụ thuộc (0101248141-001)."
    ),
    "The check digit (the 10th digit) of the enterprise code is wrong.": (
        "Chữ số kiểm tra (chữ số thứ 10) của mã số doanh nghiệp không đúng."
    ),
    "This procedure does not admit this kind of applicant: %(kind)s.": (
        "Thủ tục này không áp dụng cho đối tượng: %(kind)s."
    ),
    "Attach the authorisation letter (an upload of yours).": (
        "Hãy đính kèm văn bản ủy quyền (tệp bạn đã tải lên)."
    ),
    "The organisation's VNeID account does not list you: sign in again through VNeID or "
    "attach an authorisation letter.": (
        "Tài khoản định danh điện tử của tổ chức không có tên bạn: hãy đăng nhập lại qua VNeID "
        "hoặc đính kèm văn bản ủy quyền."
    ),
    "You are not the organisation's legal representative: record the authorisation (a "
    "letter, or the organisation's VNeID account).": (
        "Bạn không phải người đại diện theo pháp luật của tổ chức: hãy ghi nhận việc ủy quyền "
        "(văn bản ủy quyền, hoặc tài khoản định danh điện tử của tổ chức)."
    ),
    "This field is required.": "Trường này là bắt buộc.",
    "Citizen": "Công dân",
    "Organisation": "Tổ chức",
    "Enterprise": "Doanh nghiệp",
    "Branch or dependent unit": "Chi nhánh, đơn vị phụ thuộc",
    "Household business": "Hộ kinh doanh",
    "Cooperative": "Hợp tác xã",
    "Association": "Hội, hiệp hội",
    "Public body": "Cơ quan, đơn vị nhà nước",
    "Legal representative": "Người đại diện theo pháp luật",
    "Authorised person": "Người được ủy quyền",
    "Authorisation letter": "Văn bản ủy quyền",
    "Confirmed in the organisation's VNeID account": (
        "Xác nhận trên tài khoản định danh điện tử của tổ chức"
    ),
    # --- models -------------------------------------------------------------------------------
    "ID number looked up": "Số định danh được tra cứu",
    "ID number matched on": "Số định danh dùng để đối chiếu",
    "kind of applicant": "loại đối tượng nộp",
    "enterprise code": "mã số doanh nghiệp",
    "kind of organisation": "loại hình tổ chức",
    "registered name": "tên đăng ký",
    "head-office address": "địa chỉ trụ sở",
    "legal representative's ID number": "số định danh của người đại diện theo pháp luật",
    "legal representative": "người đại diện theo pháp luật",
    "organisation": "tổ chức",
    "organisations": "tổ chức",
    "organisation role": "vai trò đối với tổ chức",
    "organisation roles": "vai trò đối với tổ chức",
    "confirmed at": "xác nhận lúc",
    "updated at": "cập nhật lúc",
    "role": "vai trò",
    "user": "người dùng",
    # --- portal -------------------------------------------------------------------------------
    "Filing for": "Nộp hồ sơ cho",
    "Myself": "Bản thân tôi",
    "The organisations your VNeID account represents or is authorised for.": (
        "Các tổ chức mà tài khoản VNeID của bạn là người đại diện hoặc được ủy quyền."
    ),
    "Businesses and organisations": "Doanh nghiệp, tổ chức",
    "For businesses and organisations": "Dành cho doanh nghiệp, tổ chức",
    "Procedures an enterprise, household business or other organisation may file": (
        "Thủ tục doanh nghiệp, hộ kinh doanh và tổ chức khác được nộp"
    ),
    "Procedures an enterprise, branch, household business, cooperative, association or "
    "public body may file as itself, through its legal representative or a person it "
    "authorised. Sign in with VNeID (level 2) to file for the organisations your account "
    "acts for; the business registration data is taken from the national database.": (
        "Các thủ tục doanh nghiệp, chi nhánh, hộ kinh doanh, hợp tác xã, hội hoặc cơ quan nhà "
        "nước được tự đứng tên nộp, qua người đại diện theo pháp luật hoặc người được ủy "
        "quyền. Đăng nhập VNeID (mức 2) để nộp cho các tổ chức mà tài khoản của bạn đại diện; "
        "thông tin đăng ký doanh nghiệp được lấy từ cơ sở dữ liệu quốc gia."
    ),
    "Company name": "Tên công ty",
    "Head-office address of the company": "Địa chỉ trụ sở chính của công ty",
    "Charter capital (VND)": "Vốn điều lệ (đồng)",
    # --- sandbox identity provider ------------------------------------------------------------
    "Legal representative of": "Người đại diện theo pháp luật của",
    "Authorised for": "Được ủy quyền cho",
    "Organisation accounts (enterprises, household businesses) are given at level 2 only.": (
        "Tài khoản tổ chức (doanh nghiệp, hộ kinh doanh) chỉ được cấp ở mức 2."
    ),
    # --- officials' pages and monitoring ------------------------------------------------------
    "Applicant (organisation)": "Tổ chức nộp hồ sơ",
    "Enterprise code": "Mã số doanh nghiệp",
    "Head-office address": "Địa chỉ trụ sở",
    "Filed by": "Người nộp",
    "the legal representative": "người đại diện theo pháp luật",
    "an authorised person": "người được ủy quyền",
    "authorisation letter attached": "có văn bản ủy quyền",
    "confirmed by the organisation's VNeID account": (
        "đã xác nhận qua tài khoản định danh điện tử của tổ chức"
    ),
    "Business registry": "Cơ sở dữ liệu đăng ký doanh nghiệp",
    "registered": "đã đăng ký",
    "another legal representative is registered": "người đại diện đã đăng ký là người khác",
    "not held by the business registry": "không có trong cơ sở dữ liệu đăng ký doanh nghiệp",
    "not checked (the registry did not answer)": "chưa kiểm tra (hệ thống không phản hồi)",
    "Filed by enterprises and other organisations": "Hồ sơ của doanh nghiệp, tổ chức",
    "target 100%%, Letter 6379": "mục tiêu 100%%, Văn bản 6379",
}
