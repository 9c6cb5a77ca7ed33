"""Vietnamese for issue 17's PDF defences: active content refused, signatures after changes."""

VI = {
    "JavaScript": "mã JavaScript",
    "an XFA form (it can run scripts)": "biểu mẫu XFA (có thể chạy tập lệnh)",
    "a Launch action (it starts a program)": "hành động Launch (chạy một chương trình)",
    "a SubmitForm action (it sends the form's data elsewhere)": (
        "hành động SubmitForm (gửi dữ liệu biểu mẫu ra nơi khác)"
    ),
    "a GoToR action (it opens another file)": "hành động GoToR (mở một tệp khác)",
    "a GoToE action (it opens an attached document)": (
        "hành động GoToE (mở một tài liệu đính kèm)"
    ),
    "an ImportData action (it loads data from a file)": (
        "hành động ImportData (nạp dữ liệu từ một tệp)"
    ),
    "an attached program ({name})": "chương trình đính kèm ({name})",
    "an attached web page ({name})": "trang web đính kèm ({name})",
    "PDF files with scripts or launch actions, forms that send data elsewhere or attached web "
    "pages and programs are refused. Found: %(found)s.": (
        "Tệp PDF có tập lệnh, hành động chạy chương trình, biểu mẫu gửi dữ liệu ra nơi khác "
        "hoặc trang web, chương trình đính kèm không được chấp nhận. Đã phát hiện: %(found)s."
    ),
}
VI |= {
    "another signature": "một chữ ký số khác",
    "an unsigned signature field, which can show anything over the page": (
        "một ô chữ ký chưa được ký, có thể hiển thị bất cứ nội dung gì đè lên trang"
    ),
    "a form field or its value": "một trường biểu mẫu hoặc giá trị của trường",
    "an annotation drawn over a page (a comment, stamp, drawing or link)": (
        "một chú thích vẽ đè lên trang (ghi chú, con dấu, hình vẽ hoặc liên kết)"
    ),
    "the content of a page, or a page": "nội dung của trang, hoặc một trang",
    "the document's properties (title, author, dates)": (
        "thuộc tính của tài liệu (tiêu đề, tác giả, ngày tháng)"
    ),
    "data after the end of the signed file": "dữ liệu nối thêm sau phần cuối của tệp đã ký",
    "other parts of the file": "các phần khác của tệp",
    "Covers": "Phạm vi ký",
    "the whole document, as it is now": "toàn bộ tài liệu, đúng như hiện tại",
    "Added after this signature": "Được thêm vào sau chữ ký này",
}
