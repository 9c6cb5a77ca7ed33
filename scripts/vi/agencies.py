"""Vietnamese for several agencies on one dossier: transfers, joint procedures and their parts."""

VI = {
    "A participating agency's system": "Hệ thống của cơ quan tham gia liên thông",
    "Acknowledge the part handed over": "Xác nhận đã nhận phần việc được bàn giao",
    "Being resolved": "Đang giải quyết",
    "Civil-status system (Ministry of Justice)": "Hệ thống hộ tịch (Bộ Tư pháp)",
    "Residence system (Ministry of Public Security)": "Hệ thống cư trú (Bộ Công an)",
    "Social insurance system (Vietnam Social Security)": "Hệ thống Bảo hiểm xã hội Việt Nam",
    "Competent agency": "Cơ quan có thẩm quyền",
    "Dossier %(code)s: sent on to the competent agency": (
        "Hồ sơ %(code)s: đã chuyển đến cơ quan có thẩm quyền"
    ),
    "Your dossier %(code)s was sent on to the agency competent to resolve it; its time limit "
    "starts again there and the result is now due on %(date)s.": (
        "Hồ sơ %(code)s của Ông/Bà đã được chuyển đến cơ quan có thẩm quyền giải quyết; thời hạn "
        "giải quyết được tính lại từ khi cơ quan đó tiếp nhận, hẹn trả kết quả ngày %(date)s."
    ),
    "Finish the part with its result": "Hoàn thành phần việc và trả kết quả",
    "For a group: the procedure this agency resolves.": (
        "Với nhóm thủ tục: thủ tục do cơ quan này giải quyết."
    ),
    "Give the reason.": "Nêu lý do.",
    "Hand a part over to its agency": "Bàn giao phần việc cho cơ quan",
    "Handed over, not yet acknowledged": "Đã bàn giao, chưa xác nhận",
    "Lead agency (receives the whole, returns the result)": (
        "Cơ quan đầu mối (tiếp nhận toàn bộ, trả kết quả)"
    ),
    "Name another agency.": "Chọn một cơ quan khác.",
    "No agency takes part %(part)s here.": (
        "Không có cơ quan nào đảm nhận phần việc %(part)s ở đây."
    ),
    "No joint group has the code %(code)s.": "Không có nhóm thủ tục liên thông mã %(code)s.",
    "No joint group has this code.": "Không có nhóm thủ tục liên thông có mã này.",
    "Note": "Ghi chú",
    "Notice of transfer to the competent agency": (
        "Thông báo chuyển hồ sơ đến cơ quan có thẩm quyền"
    ),
    "Participating agency": "Cơ quan tham gia liên thông",
    "Parts of one stage run in parallel; stages in order.": (
        "Các phần việc cùng bước được giải quyết song song; các bước theo thứ tự."
    ),
    "Ready to hand over": "Sẵn sàng bàn giao",
    "Result number": "Số kết quả",
    "Result of a participating agency's part": "Kết quả phần việc của cơ quan tham gia liên thông",
    "The dossier has no such part.": "Hồ sơ không có phần việc này.",
    "The group does not list this document.": "Nhóm thủ tục không có giấy tờ này.",
    "The group's lead procedure is another.": "Thủ tục đầu mối của nhóm là thủ tục khác.",
    "This agency does not resolve the procedure.": "Cơ quan này không giải quyết thủ tục này.",
    "Transfer to the competent agency": "Chuyển đến cơ quan có thẩm quyền",
    "The part belongs to another agency.": "Phần việc này thuộc cơ quan khác.",
    "Waiting for an earlier part": "Chờ phần việc trước",
    "This part cannot take this action now (it is %(state)s).": (
        "Phần việc này chưa thể thực hiện thao tác này (đang ở trạng thái: %(state)s)."
    ),
    "Every participating agency must finish its part before the result set is signed: %(parts)s.": (
        "Mọi cơ quan tham gia liên thông phải hoàn thành phần việc trước khi ký bộ kết quả: "
        "%(parts)s."
    ),
    "The page was out of date: look again and retry.": (
        "Trang đã cũ: vui lòng xem lại và thử lại."
    ),
    "acknowledged at": "xác nhận lúc",
    "clock started at": "bắt đầu tính thời hạn lúc",
    "documents of the part": "giấy tờ của phần việc",
    "external system": "hệ thống bên ngoài",
    "from agency": "từ cơ quan",
    "to agency": "đến cơ quan",
    "handed over at": "bàn giao lúc",
    "joint group": "nhóm thủ tục liên thông",
    "joint procedure group": "nhóm thủ tục liên thông",
    "joint procedure groups": "các nhóm thủ tục liên thông",
    "joint procedure version": "phiên bản thủ tục liên thông",
    "member procedure": "thủ tục thành phần",
    "member procedure version": "phiên bản thủ tục thành phần",
    "part": "phần việc",
    "part in English": "phần việc (tiếng Anh)",
    "part of a joint dossier": "phần việc của hồ sơ liên thông",
    "parts of joint dossiers": "các phần việc của hồ sơ liên thông",
    "participating agencies": "các cơ quan tham gia liên thông",
    "participating agency": "cơ quan tham gia liên thông",
    "reference on the other system": "mã trên hệ thống kia",
    "requirements of the part": "thành phần hồ sơ của phần việc",
    "result of the part": "kết quả của phần việc",
    "stage": "bước",
    "transfer to the competent agency": "chuyển hồ sơ đến cơ quan có thẩm quyền",
    "transfers to the competent agency": "các lần chuyển hồ sơ đến cơ quan có thẩm quyền",
    "For dossiers several agencies resolve together: each agency's working time from its "
    "acknowledgement, its share of the time limit, its late parts and the dossiers its part made "
    "late.": (
        "Với hồ sơ liên thông: thời gian làm việc của từng cơ quan kể từ khi nhận, tỷ lệ thời hạn "
        "được giao, số phần việc trễ hạn và số hồ sơ bị trễ do phần việc của cơ quan đó."
    ),
    "Joint dossiers: each agency's part": "Hồ sơ liên thông: phần việc của từng cơ quan",
    "Joint parts": "Phần việc liên thông",
    "Late parts": "Phần việc trễ hạn",
    "Dossiers made late": "Hồ sơ bị trễ do cơ quan",
    "No joint dossier in this period.": "Không có hồ sơ liên thông trong kỳ này.",
    "Parts of the joint dossier": "Các phần việc của hồ sơ liên thông",
    "Parts of joint dossiers for my agency": "Phần việc liên thông của cơ quan tôi",
    "Dossiers several agencies resolve together: the lead agency hands your part over; you "
    "acknowledge it (your time starts then), act on its documents and finish it with its result.": (
        "Hồ sơ do nhiều cơ quan cùng giải quyết: cơ quan đầu mối bàn giao phần việc; cơ quan "
        "nhận xác nhận (thời hạn bắt đầu tính từ đó), xử lý giấy tờ của phần việc và hoàn "
        "thành với kết quả."
    ),
    "No part of a joint dossier is waiting for your agency.": (
        "Không có phần việc liên thông nào đang chờ cơ quan của bạn."
    ),
    "Parts": "Phần việc",
    "Part": "Phần việc",
    "lead": "đầu mối",
    "on its own system": "trên hệ thống riêng",
    "Action": "Thao tác",
    "Due": "Hạn",
    "published": "đã công bố",
    "group": "nhóm",
    "steps": "các bước",
    "For a joint version: the positions of its required documents this part reads.": (
        "Với thủ tục liên thông: vị trí các thành phần hồ sơ mà phần việc này sử dụng."
    ),
    "reason": "lý do",
    "by": "người thực hiện",
    "Finished": "Đã hoàn thành",
    "Share of the time limit (%%)": "Tỷ lệ thời hạn (%%)",
    "The dossier was sent on to the agency competent to resolve it; its time limit starts again "
    "there.": (
        "Hồ sơ đã được chuyển đến cơ quan có thẩm quyền giải quyết; thời hạn được tính lại từ "
        "khi cơ quan đó tiếp nhận."
    ),
    "A part of the dossier was handed to a participating agency.": (
        "Một phần việc của hồ sơ đã được bàn giao cho cơ quan tham gia liên thông."
    ),
    "A participating agency took its part of the dossier.": (
        "Cơ quan tham gia liên thông đã nhận phần việc của hồ sơ."
    ),
    "A participating agency finished its part, with its result.": (
        "Cơ quan tham gia liên thông đã hoàn thành phần việc và có kết quả."
    ),
    "official of a participating agency": "công chức cơ quan tham gia liên thông",
}
