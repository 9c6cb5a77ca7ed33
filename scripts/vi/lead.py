"""Vietnamese for the strings the lead wrote while joining the areas."""

VI = {
    "Complaint %(code)s answered": "Phản ánh %(code)s đã được trả lời",
    "Your complaint %(code)s has been answered. Read the answer with its tracking code and "
    "your contact: %(url)s": "Phản ánh %(code)s của ông/bà đã được trả lời. Xem câu trả lời bằng "
    "mã tra cứu và thông tin liên hệ của ông/bà: %(url)s",
}
