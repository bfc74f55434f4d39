# ocop: English messages. Every key here is also in ../vi/ocop.ftl (a unit test checks).
# Placeholders: { $name }. Numbers given as text are printed as given.

## Printable round document (ocop score --format html)

doc-title = OCOP product evaluation and classification results
doc-stars = { $stars ->
    [one] { $stars } star
   *[other] { $stars } stars
}
doc-council = Council
doc-round = Round
doc-date = Meeting date
doc-edition = Criteria edition
doc-decision = Legal basis
doc-decision-value = Decision { $decision }
doc-level = Council level
level-province = Provincial council
level-central = Central (ministry) council
doc-summary = Summary of results
doc-products = Products evaluated
doc-by-stars = By stars
doc-by-status = By result
doc-count = Products
count-certified = 3 stars or more (recognised)
count-not-certified = Not recognised (below 3 stars)
count-disqualified = Dossier rejected
count-nominated = Proposed for 5-star recognition
count-held-back = Held back by minimum-level markers (***, ****, *****)
count-spread = Members' totals spread too far (warning)
chart-stars = Products by stars
chart-scores = Mean totals against the star bands
chart-disqualified = Rejected
chart-points-axis = points
doc-notices = Notices
page-number = Page

list-title = Products proposed for recognition
list-intro = Attached to the council's report, for the Chairman's decision on recognition.
list-proposed = Products proposed for recognition, by stars
list-proposed-level = { $stars } stars ({ $count } products)
list-nominated = Products proposed to the central council for 5-star evaluation
list-nominated-intro = Products scoring 90 or more: the provincial council proposes them; the Ministry of Agriculture and Environment evaluates and recognises 5 stars.
list-rejected = Products not recognised
list-none = None.
col-no = No.
col-id = Product id
col-name = Product
col-producer = Producer
col-commune = Address
col-set = Set
col-total = Score
col-result = Result
col-reason = Reason
reason-band = Score below { $floor } ({ $stars } stars by the bands)
reason-markers = Score reaches { $band } stars but criteria { $codes } miss their minimum levels: { $stars } stars
reason-disqualified = { $reason }

status-certified = Recognised { $stars }★
status-nominated = Proposed for 5★ recognition
status-not-certified = Not recognised
status-disqualified = Dossier rejected

sheet-title = Summary of the council members' evaluation sheets
sheet-id = Product id
sheet-name = Product
sheet-producer = Producer
sheet-commune = Address
sheet-set = Criteria set
sheet-rank = Rank
sheet-members = Points given by the council members
sheet-criterion = Item
sheet-max = Max
sheet-mean = Mean
sheet-total = Total
part-a = Part A: Production and community development
part-b = Part B: Business and marketing
part-c = Part C: Product quality
sheet-mean-parts = Mean by part: A { $a } · B { $b } · C { $c }
sheet-result = Result
sheet-mean-total = Mean total
sheet-band = Band
sheet-stars = Stars
sheet-status = Conclusion
sheet-markers = Criteria with minimum levels (*** 3 stars, **** 4 stars, ***** 5 stars)
sheet-markers-none = No scored criterion of the set carries a minimum level.
sheet-marker-criterion = Criterion
sheet-marker-mean = Mean
sheet-marker-level = { $stars } stars
marker-met = met
marker-missed = missed
sheet-held-back = The score reaches { $band } stars, held back by criteria { $codes }.
sheet-spread = Warning: the members' totals differ by { $spread } points (more than { $limit }): highest { $high } { $highpoints }, lowest { $low } { $lowpoints }. The result stands.
sheet-disqualified = Reason the dossier was rejected
next-star = For { $stars } stars: { $what }.
next-star-points = { $points } more points
next-star-marker = criterion { $code } needs { $needed } (now { $got })
sign-secretary = Council secretary
sign-chair = Chairman of the council
sign-note = (Signature and full name)

## The ranked table (ocop score), its summary and --explain

table-col-rank = #
table-col-id = Id
table-col-product = Product
table-col-set = Set
table-col-members = Mem
table-col-a = A
table-col-b = B
table-col-c = C
table-col-total = Total
table-col-stars = Stars
table-col-status = Status
table-status-certified = certified
table-status-nominated = nominated for 5★
table-status-returned = returned
table-status-not-certified = not certified
table-status-disqualified = disqualified
table-flag-markers-5 = 5★ markers not met
table-flag-held-back = held back by { $codes }
table-flag-spread = spread { $spread }
table-flag-unverified = unverified set
summary-scored = { $products ->
    [one] { $products } product
   *[other] { $products } products
} scored under { $decision } ({ $edition }), { $council }
summary-council-province = provincial council
summary-council-central = central council
summary-certified = certified: { $n }
summary-nominated = nominated for 5★: { $n }
summary-returned = returned to the province: { $n }
summary-not-certified = not certified: { $n }
summary-disqualified = disqualified: { $n }
summary-by-stars = By stars: { $levels }
summary-list-nominated = Nominated for 5★ (sent to the ministry's council):
summary-list-returned = Returned to the province, which may recognise them:
summary-held-back = Held back by minimum-level markers (***, ****, *****):
summary-held-back-item = { $product }: total { $total } is { $band } by the bands, given { $reached }: { $why }
summary-spread = Council spread above { $limit } points (a warning; the score stands):
summary-disqualified-list = Disqualified dossiers (never certified):
summary-notice = Notice: { $text }
notice-unverified = set { $set } ({ $code }) of { $edition } is unverified: { $note }
shortfall = { $code } got { $got }, needs { $needed } for { $stars }★
spread = spread { $spread } > { $limit }: highest { $high } { $highpoints }, lowest { $low } { $lowpoints }
next-points = +{ $points } points
next-marker = { $code } needs { $needed } (got { $got })
explain-heading = { $id } { $name } — set { $set } ({ $code }) { $setname }
explain-members = members ({ $n }): { $list }
explain-mean = mean: A { $a } + B { $b } + C { $c } = { $total } → { $band } by the bands
explain-markers = markers allow { $stars }: { $why }
explain-disqualified = disqualified: { $reasons }
explain-nominated-met = { $floor } points or more: nominated to the ministry's council for { $five } (its 5★ markers are met)
explain-nominated-unmet = { $floor } points or more: nominated to the ministry's council for { $five } (its 5★ markers are not all met)
explain-returned = result: { $stars }, returned to the province, which may recognise it
explain-certified = result: { $stars } (certified OCOP product)
explain-not-certified = result: { $stars } (not certified)
explain-next = next star: { $next }
notice-line = notice: { $text }
