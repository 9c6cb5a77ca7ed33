"""Vietnamese for the strings the lead wrote while joining the areas."""

VI = {
    "Complaint %(code)s answered": "Phản ánh %(code)s đã được trả lời",
    "Your complaint %(code)s has been answered. Read the answer with its tracking code and "
    "your contact: %(url)s": "Phản ánh %(code)s của ông/bà đã được trả lời. Xem câu trả lời bằng "
    "mã tra cứu và thông tin liên hệ của ông/bà: %(url)s",
    "This complaint has not been answered yet.": "Phản ánh này chưa được trả lời.",
    "satisfied with the answer": "hài lòng với câu trả lời",
    "Satisfied": "Hài lòng",
    "Not satisfied": "Chưa hài lòng",
    "Thank you: your verdict on the answer is recorded.": "Cảm ơn ông/bà: ý kiến đánh giá câu "
    "trả lời đã được ghi nhận.",
    "Are you satisfied with this answer?": "Ông/bà có hài lòng với câu trả lời này không?",
    "You said you are satisfied.": "Ông/bà đã đánh giá: hài lòng.",
    "You said you are not satisfied.": "Ông/bà đã đánh giá: chưa hài lòng.",
    "Complaints received": "Phản ánh, kiến nghị đã nhận",
    "answered on time": "trả lời đúng hạn",
    "to the filer's satisfaction": "người phản ánh hài lòng",
    "Broker flags raised": "Cảnh báo cò mồi",
    "extra-document flags": "cảnh báo đòi thêm giấy tờ",
    "One device filed online for %(applicants)s different applicants in %(days)s days": "Một "
    "thiết bị đã nộp trực tuyến cho %(applicants)s người khác nhau trong %(days)s ngày",
    "Filing device": "Thiết bị nộp hồ sơ",
    "filing device": "thiết bị nộp hồ sơ",
    "What the complaint says": "Nội dung phản ánh",
    "held by the national portal as here ÷ compared × 100%": (
        "số hồ sơ Cổng Dịch vụ công quốc gia ghi nhận khớp với hệ thống ÷ số hồ sơ đối chiếu × 100%"
    ),
    "Evidence attached": "Tài liệu, chứng cứ kèm theo",
    "cash at the counter": "thu tiền mặt tại quầy",
}
