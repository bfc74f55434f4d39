# ocop: Vietnamese messages. Every key here is also in ../en/ocop.ftl (a unit test checks).
# Placeholders: { $name }. Numbers given as text are printed as given.

## Printable round document (ocop score --format html)

doc-title = Kết quả đánh giá, phân hạng sản phẩm OCOP
doc-stars = { $stars } sao
doc-council = Hội đồng
doc-round = Đợt đánh giá
doc-date = Ngày họp
doc-edition = Bộ tiêu chí
doc-decision = Căn cứ
doc-decision-value = Quyết định { $decision }
doc-level = Cấp Hội đồng
level-province = Hội đồng cấp tỉnh
level-central = Hội đồng cấp trung ương
doc-summary = Tổng hợp kết quả
doc-products = Số sản phẩm được đánh giá
doc-by-stars = Theo hạng sao
doc-by-status = Theo kết quả
doc-count = Số sản phẩm
count-certified = Đạt từ 3 sao (được công nhận)
count-not-certified = Không đạt (dưới 3 sao)
count-disqualified = Hồ sơ bị loại
count-nominated = Đề nghị công nhận 5 sao
count-held-back = Bị giới hạn bởi tiêu chí bắt buộc (***, ****, *****)
count-spread = Cảnh báo chênh lệch điểm giữa các thành viên
chart-stars = Phân bố hạng sao
chart-scores = Điểm trung bình so với ngưỡng hạng sao
chart-disqualified = Loại
chart-points-axis = điểm
doc-notices = Lưu ý
page-number = Trang

list-title = Danh sách sản phẩm đề nghị công nhận
list-intro = Kèm theo báo cáo kết quả đánh giá, phân hạng sản phẩm OCOP, trình Chủ tịch xem xét, quyết định công nhận.
list-proposed = Sản phẩm đề nghị công nhận theo hạng sao
list-proposed-level = Sản phẩm đạt { $stars } sao ({ $count } sản phẩm)
list-nominated = Sản phẩm đề nghị Hội đồng cấp trung ương đánh giá, công nhận 5 sao
list-nominated-intro = Sản phẩm đạt từ 90 điểm: Hội đồng cấp tỉnh đề nghị, Bộ Nông nghiệp và Môi trường đánh giá, công nhận 5 sao.
list-rejected = Sản phẩm không được công nhận
list-none = Không có sản phẩm.
col-no = STT
col-id = Mã sản phẩm
col-name = Tên sản phẩm
col-producer = Chủ thể
col-commune = Địa chỉ
col-set = Bộ
col-total = Điểm
col-result = Kết quả
col-reason = Lý do
reason-band = Điểm dưới { $floor } (theo thang điểm đạt { $stars } sao)
reason-markers = Điểm đạt { $band } sao nhưng chưa đạt mức tối thiểu của tiêu chí { $codes }, chỉ đạt { $stars } sao
reason-disqualified = { $reason }

status-certified = Đạt { $stars } sao
status-nominated = Đề nghị công nhận 5 sao
status-not-certified = Không đạt
status-disqualified = Hồ sơ bị loại

sheet-title = Phiếu tổng hợp kết quả đánh giá sản phẩm
sheet-id = Mã sản phẩm
sheet-name = Tên sản phẩm
sheet-producer = Chủ thể sản xuất
sheet-commune = Địa chỉ
sheet-set = Bộ sản phẩm
sheet-rank = Thứ tự xếp hạng
sheet-members = Điểm của các thành viên Hội đồng
sheet-criterion = Nội dung
sheet-max = Tối đa
sheet-mean = Trung bình
sheet-total = Tổng điểm
part-a = Phần A: Sản xuất và phát triển cộng đồng
part-b = Phần B: Kinh doanh và tiếp thị
part-c = Phần C: Chất lượng sản phẩm
sheet-mean-parts = Điểm trung bình theo phần: A { $a } · B { $b } · C { $c }
sheet-result = Kết quả
sheet-mean-total = Điểm trung bình
sheet-band = Hạng theo thang điểm
sheet-stars = Hạng sao
sheet-status = Kết luận
sheet-markers = Tiêu chí có yêu cầu tối thiểu (*** 3 sao, **** 4 sao, ***** 5 sao)
sheet-markers-none = Bộ tiêu chí không có yêu cầu tối thiểu nào ở các tiêu chí đã chấm.
sheet-marker-criterion = Tiêu chí
sheet-marker-mean = Trung bình
sheet-marker-level = { $stars } sao
marker-met = đạt
marker-missed = chưa đạt
sheet-held-back = Điểm đạt { $band } sao nhưng bị giới hạn bởi tiêu chí { $codes }.
sheet-spread = Cảnh báo: điểm của các thành viên chênh nhau { $spread } điểm (quá { $limit } điểm): cao nhất { $high } { $highpoints }, thấp nhất { $low } { $lowpoints }. Kết quả vẫn giữ nguyên.
sheet-disqualified = Lý do loại hồ sơ
next-star = Để đạt { $stars } sao: { $what }.
next-star-points = cần thêm { $points } điểm
next-star-marker = tiêu chí { $code } cần đạt { $needed } (hiện { $got })
sign-secretary = Thư ký Hội đồng
sign-chair = Chủ tịch Hội đồng
sign-note = (Ký, ghi rõ họ tên)

## Cảnh báo (src/warnings.rs): những điều không làm dừng việc chấm điểm

warning-label = cảnh báo
warning-as-error = lỗi (--strict)
warnings-heading = Cảnh báo ({ $count }): không làm thay đổi kết quả; cần xem lại trước khi ký (--strict coi là lỗi)
warn-fewer-members = sản phẩm { $product } được { $members } thành viên chấm, các sản phẩm khác của bộ { $set } được { $most } thành viên chấm: thiếu phiếu của một thành viên?
warn-few-members = sản phẩm { $product } chỉ được { $members } thành viên chấm, ít hơn { $least }
warn-spread = sản phẩm { $product }: tổng điểm của các thành viên chênh nhau { $spread } điểm, quá { $limit } điểm (cao nhất { $highest } { $high }, thấp nhất { $lowest } { $low })
warn-similar-ids = các mã sản phẩm { $ids } chỉ khác nhau ở chữ hoa/thường, khoảng trắng hoặc dạng Unicode: một sản phẩm được gõ hai cách?
warn-similar-members = các tên thành viên { $names } chỉ khác nhau ở chữ hoa/thường, khoảng trắng hoặc dạng Unicode: một thành viên được gõ hai cách?
warn-member-missing-products = { $member } đã chấm { $scored } trên { $total } sản phẩm, chưa chấm { $missing }
warn-ignored-column-unused = --ignore-column { $column }: không tệp nào có cột này
strict-nothing-written = { $count } cảnh báo với --strict; { $what }
check-read = { $files } tệp, { $products } sản phẩm, { $members } thành viên, { $sheets } phiếu chấm
check-ok = ok: { $read }
check-ok-warnings = ok: { $read }; { $count } cảnh báo (--strict coi là lỗi)
check-strict-failed = { $count } cảnh báo, là lỗi khi có --strict (đã đọc: { $read })
