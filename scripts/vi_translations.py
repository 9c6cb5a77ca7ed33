"""Fill src/motcua/locale/vi/LC_MESSAGES/django.po from the table below (run after makemessages)."""

import sys
from pathlib import Path

import polib

VI = {
    "API": "API",
    "Some fields are not valid.": "Một số trường không hợp lệ.",
    "The request body could not be read.": "Không đọc được nội dung yêu cầu.",
    "Please sign in.": "Vui lòng đăng nhập.",
    "The credentials are wrong.": "Thông tin đăng nhập không đúng.",
    "You do not have permission to do this.": "Bạn không có quyền thực hiện thao tác này.",
    "Not found.": "Không tìm thấy.",
    "This method is not allowed here.": "Phương thức này không được phép ở đây.",
    "This response format is not available.": "Không có định dạng phản hồi này.",
    "This content type is not accepted.": "Kiểu nội dung này không được chấp nhận.",
    "Too many requests. Please wait and try again.": "Quá nhiều yêu cầu. Vui lòng chờ rồi thử lại.",
    "The request could not be completed.": "Không thể hoàn tất yêu cầu.",
    "An internal error occurred. It has been recorded.": "Đã xảy ra lỗi nội bộ. Lỗi đã được ghi nhận.",
    "Catalog file (.json or .xlsx)": "Tệp danh mục (.json hoặc .xlsx)",
    "Choose a .json or .xlsx file.": "Hãy chọn tệp .json hoặc .xlsx.",
    "The file is too large.": "Tệp quá lớn.",
    "Publish the selected drafts": "Công bố các bản dự thảo đã chọn",
    "Published: %s": "Đã công bố: %s",
    "Create a new draft from the selected versions": "Tạo bản dự thảo mới từ các phiên bản đã chọn",
    "Draft created: %s": "Đã tạo bản dự thảo: %s",
    "Export the published catalog as JSON": "Xuất danh mục đã công bố ra JSON",
    "Export the published catalog as Excel (.xlsx)": "Xuất danh mục đã công bố ra Excel (.xlsx)",
    "Catalog imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.":
        "Đã nhập danh mục: %(created)d mới, %(updated)d cập nhật, %(unchanged)d không đổi.",
    "Import a catalog": "Nhập danh mục",
    "Procedure catalog": "Danh mục thủ tục hành chính",
    "An original paper document is demanded": "Yêu cầu nộp bản chính giấy tờ",
    "Filing is tied to the place of residence, head office or first issuance":
        "Buộc nộp tại nơi cư trú, nơi đặt trụ sở hoặc nơi cấp lần đầu",
    "Not receivable at any service point of the province":
        "Chưa tiếp nhận được tại mọi điểm phục vụ trong tỉnh, thành phố",
    "The applicant must come in to sign or receive the result":
        "Người dân phải đến để ký hoặc nhận kết quả",
    "Not fully online": "Chưa trực tuyến toàn trình",
    "A document a national database could replace is demanded on paper":
        "Yêu cầu giấy tờ bản giấy dù cơ sở dữ liệu quốc gia đã có thông tin",
    "No electronic process steps configured": "Chưa cấu hình quy trình điện tử",
    "No time limit configured": "Chưa cấu hình thời hạn giải quyết",
    "No agency of the configured competent role exists": "Không có cơ quan có thẩm quyền như đã cấu hình",
    "the file": "tệp",
    "it is not valid UTF-8 JSON (%(error)s)": "không phải JSON UTF-8 hợp lệ (%(error)s)",
    "it has no list of procedures": "không có danh sách thủ tục",
    "every procedure must be a JSON object": "mỗi thủ tục phải là một đối tượng JSON",
    "it has no sheet named %(sheet)r": "không có trang tính tên %(sheet)r",
    "sheet %(sheet)r has no column %(column)r": "trang tính %(sheet)r không có cột %(column)r",
    "sheet %(sheet)r, row %(row)d": "trang tính %(sheet)r, dòng %(row)d",
    "it is not an .xlsx workbook": "không phải tệp Excel .xlsx",
    "procedure %(code)r is not in the sheet of procedures":
        "thủ tục %(code)r không có trong trang tính thủ tục",
    "City / province": "Cấp tỉnh",
    "Ward / commune": "Cấp xã",
    "Draft": "Dự thảo",
    "Published": "Đã công bố",
    "Retired": "Hết hiệu lực",
    "working days": "ngày làm việc",
    "working hours": "giờ làm việc",
    "days": "ngày",
    "Fully online": "Trực tuyến toàn trình",
    "Partly online": "Trực tuyến một phần",
    "Not online": "Không trực tuyến",
    "None: anywhere in the province": "Không: bất kỳ nơi nào trong tỉnh, thành phố",
    "Place of residence": "Nơi cư trú",
    "Place of the head office": "Nơi đặt trụ sở",
    "Place of first issuance": "Nơi cấp lần đầu",
    "Where the land or works are": "Nơi có đất, công trình",
    "The body holding the original record": "Cơ quan đang lưu giữ sổ gốc",
    "Not required": "Không yêu cầu",
    "To sign": "Để ký",
    "To receive the result": "Để nhận kết quả",
    "Biometric capture": "Để thu nhận sinh trắc học",
    "On-site check": "Kiểm tra thực địa",
    "To appear before the official": "Để có mặt trước cán bộ",
    "Original": "Bản chính",
    "Copy": "Bản sao",
    "Certified copy": "Bản sao chứng thực",
    "Form": "Tờ khai, mẫu đơn",
    "Shown for checking": "Xuất trình để đối chiếu",
    "None": "Không",
    "National population database / VNeID": "CSDL quốc gia về dân cư / VNeID",
    "Civil status database": "CSDL hộ tịch điện tử",
    "National business registry": "CSDL quốc gia về đăng ký doanh nghiệp",
    "Land database": "CSDL đất đai",
    "code": "mã",
    "name": "tên",
    "name in English": "tên tiếng Anh",
    "business-related": "liên quan doanh nghiệp",
    "Counts towards the target that every business procedure is fully online.":
        "Tính vào chỉ tiêu mọi thủ tục liên quan doanh nghiệp trực tuyến toàn trình.",
    "field": "lĩnh vực",
    "fields": "lĩnh vực",
    "national code": "mã thủ tục quốc gia",
    "created at": "ngày tạo",
    "procedure": "thủ tục",
    "procedures": "thủ tục",
    "version": "phiên bản",
    "status": "trạng thái",
    "level": "cấp",
    "competent agency": "cơ quan có thẩm quyền",
    "The role of the competent agency (commune_committee, commune_police, justice, ...).":
        "Vai trò của cơ quan có thẩm quyền (commune_committee, commune_police, justice, ...).",
    "time limit": "thời hạn giải quyết",
    "time limit unit": "đơn vị thời hạn",
    "result": "kết quả",
    "result in English": "kết quả (tiếng Anh)",
    "legal basis": "căn cứ pháp lý",
    "online level": "mức độ trực tuyến",
    "boundary-free": "không phụ thuộc địa giới hành chính",
    "filing tied to": "buộc nộp tại",
    "presence required": "phải có mặt",
    "published at": "ngày công bố",
    "procedure version": "phiên bản thủ tục",
    "procedure versions": "phiên bản thủ tục",
    "position": "thứ tự",
    "kind": "loại",
    "quantity": "số lượng",
    "required": "bắt buộc",
    "replaceable by data from": "thay bằng dữ liệu từ",
    "note": "ghi chú",
    "required document": "thành phần hồ sơ",
    "required documents": "thành phần hồ sơ",
    "amount (VND)": "mức thu (đồng)",
    "condition": "điều kiện",
    "collected by": "cơ quan thu",
    "Role of the collecting agency; empty for the competent agency.":
        "Vai trò của cơ quan thu; để trống nếu là cơ quan có thẩm quyền.",
    "fee": "phí, lệ phí",
    "fees": "phí, lệ phí",
    "role": "vai trò",
    "share of the time limit (%)": "tỷ lệ thời gian (%)",
    "process step": "bước quy trình",
    "process steps": "quy trình điện tử",
    "No published procedure has the code %(code)s.": "Không có thủ tục nào đã công bố với mã %(code)s.",
    "The catalog was not imported: %(count)d problem(s) found. Nothing was changed.":
        "Danh mục chưa được nhập: phát hiện %(count)d lỗi. Không có gì bị thay đổi.",
    "A published version cannot be changed. Create a new draft from it instead.":
        "Không thể sửa phiên bản đã công bố. Hãy tạo bản dự thảo mới từ phiên bản này.",
    "procedure %(code)s": "thủ tục %(code)s",
    "%(field)s must be text": "%(field)s phải là văn bản",
    "%(field)s is required": "thiếu %(field)s",
    "%(field)s is longer than %(max)d characters": "%(field)s dài quá %(max)d ký tự",
    "%(field)s %(value)r is not one of: %(allowed)s": "%(field)s %(value)r không thuộc: %(allowed)s",
    "%(field)s %(value)r is not a whole number": "%(field)s %(value)r không phải số nguyên",
    "%(field)s must be between %(min)d and %(max)d": "%(field)s phải từ %(min)d đến %(max)d",
    "%(field)s %(value)r is not yes or no": "%(field)s %(value)r không phải có hoặc không",
    "role %(value)r is not a role name (lower case, digits, _)":
        "vai trò %(value)r không hợp lệ (chữ thường, chữ số, _)",
    "code %(value)r is not a national procedure code (d.dddddd)":
        "mã %(value)r không phải là mã thủ tục quốc gia (d.dddddd)",
    "agency_role %(value)r is not a role name": "agency_role %(value)r không phải tên vai trò",
    "the process steps' shares add up to %(total)d%%, not 100%%":
        "tổng tỷ lệ thời gian các bước là %(total)d%%, không phải 100%%",
    "a time limit needs both a value and a unit": "thời hạn cần có cả giá trị và đơn vị",
    "legal_basis must be a list of texts": "legal_basis phải là danh sách văn bản",
    "%(field)s must be a list of records": "%(field)s phải là danh sách bản ghi",
    "procedure %(code)s, %(part)s #%(index)d": "thủ tục %(code)s, %(part)s #%(index)d",
    "procedure #%(index)d (%(code)s)": "thủ tục thứ %(index)d (%(code)s)",
    "field %(field)r is described differently by another procedure":
        "lĩnh vực %(field)r được mô tả khác ở một thủ tục khác",
    "the code appears more than once in the file": "mã xuất hiện nhiều lần trong tệp",
    "Home": "Trang chủ",
    "The file is checked as a whole. If any row is wrong, nothing is imported and every problem "
    "is listed.": "Tệp được kiểm tra toàn bộ. Nếu có dòng sai, không dữ liệu nào được nhập và "
    "mọi lỗi được liệt kê.",
    "Import": "Nhập",
    "Core": "Lõi hệ thống",
    "The request is not valid.": "Yêu cầu không hợp lệ.",
    "The request conflicts with the current state.": "Yêu cầu xung đột với trạng thái hiện tại.",
    "The request is valid but the rules do not allow it.":
        "Yêu cầu hợp lệ nhưng quy định không cho phép.",
    "Geography": "Địa giới hành chính",
    "Centrally-run city": "Thành phố trực thuộc trung ương",
    "Province": "Tỉnh",
    "Ward": "Phường",
    "Commune": "Xã",
    "Special zone": "Đặc khu",
    "Provincial People's Committee": "Ủy ban nhân dân cấp tỉnh",
    "Department": "Sở, ngành",
    "Office under a department": "Đơn vị trực thuộc sở",
    "Provincial police": "Công an cấp tỉnh",
    "Central agency's provincial office": "Cơ quan ngành dọc",
    "Public Administrative Service Centre": "Trung tâm Phục vụ hành chính công",
    "Service Centre branch": "Chi nhánh Trung tâm Phục vụ hành chính công",
    "Ward/commune People's Committee": "Ủy ban nhân dân cấp xã",
    "Ward/commune police": "Công an cấp xã",
    "official code": "mã chính thức",
    "parent unit": "đơn vị cấp trên",
    "administrative unit": "đơn vị hành chính",
    "administrative units": "đơn vị hành chính",
    "electronic identifier": "mã định danh điện tử",
    "The agency's code in the national electronic identifier scheme.":
        "Mã của cơ quan theo hệ thống mã định danh điện tử quốc gia.",
    "Which department this is (justice, finance, ...), for routing procedures.":
        "Vai trò của cơ quan (justice, finance, ...), dùng để chuyển hồ sơ đúng thẩm quyền.",
    "unit": "đơn vị hành chính",
    "parent agency": "cơ quan cấp trên",
    "agency": "cơ quan",
    "agencies": "cơ quan",
    "address": "địa chỉ",
    "service point": "điểm tiếp nhận",
    "service points": "điểm tiếp nhận",
    "Vietnamese": "Tiếng Việt",
    "A version is a whole number.": "Phiên bản phải là số nguyên.",
    "There is no province with the code %(code)s.": "Không có tỉnh, thành phố nào mã %(code)s.",
    "Motcua administration": "Quản trị Một cửa",
    "Configuration": "Cấu hình",
    "English": "Tiếng Anh",
}


def main() -> int:
    path = Path(__file__).resolve().parents[1] / "src/motcua/locale/vi/LC_MESSAGES/django.po"
    po = polib.pofile(str(path))
    missing = []
    for entry in po:
        if entry.msgid in VI:
            entry.msgstr = VI[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif not entry.msgstr:
            missing.append(entry.msgid)
    po.metadata["Language"] = "vi"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    for msgid in missing:
        print(f"missing: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
