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
list-returned = Products below 5 stars, returned to the province
list-returned-intro = They do not reach 5 stars at the central council; on its result the Chairman of the provincial People's Committee may recognise 3 or 4 stars (Điều 7.4.g).
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
reason-returned-band = Score below { $floor }: not 5 stars
reason-returned-markers = Score reaches 5 stars but criteria { $codes } miss their 5-star minimum levels

status-certified = Recognised { $stars }★
status-nominated = Proposed for 5★ recognition
status-not-certified = Not recognised
status-disqualified = Dossier rejected
status-returned = Returned to the province ({ $stars }★ may be recognised)

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

## Ranked workbook (ocop score -o ranked.xlsx)

xlsx-sheet-ranking = Ranking
xlsx-sheet-members = Member totals
xlsx-sheet-criteria = Criterion means
xlsx-col-rank = Rank
xlsx-col-id = Product id
xlsx-col-name = Product
xlsx-col-set = Set
xlsx-col-members = Members
xlsx-col-part-a = Part A
xlsx-col-part-b = Part B
xlsx-col-part-c = Part C
xlsx-col-total = Total
xlsx-col-stars = Stars
xlsx-col-stars-shown = Rating
xlsx-col-status-code = Status code
xlsx-col-status = Result
xlsx-col-held-back = Held back by
xlsx-col-next-star = Next star
xlsx-col-spread = Members' spread
xlsx-col-disqualified = Reason rejected
xlsx-col-member = Member
xlsx-col-member-total = Member's total
xlsx-col-criterion = Criterion
xlsx-col-criterion-title = Criterion title
xlsx-col-max = Max
xlsx-col-mean = Mean
xlsx-status-returned = Returned to the province ({ $stars }★ reached)
xlsx-held-back = { $code } got { $got }, needs { $needed } for { $stars }★
xlsx-spread = { $spread } points (more than { $limit }): highest { $high } { $highpoints }, lowest { $low } { $lowpoints }
## Warnings (src/warnings.rs): findings that do not stop scoring

warning-label = warning
warning-as-error = error (--strict)
warnings-heading = Warnings ({ $count }): they do not change the result; check them before signing (--strict makes them errors)
warn-fewer-members = product { $product } was scored by { $members ->
    [one] 1 member
   *[other] { $members } members
}, other products of set { $set } by { $most }: a member's sheet missing?
warn-few-members = product { $product } was scored by { $members ->
    [one] 1 member
   *[other] { $members } members
}, fewer than { $least }
warn-spread = product { $product }: members' totals differ by { $spread } points, more than { $limit } (highest { $highest } { $high }, lowest { $lowest } { $low })
warn-similar-ids = product ids { $ids } differ only by case, spaces or Unicode form: one product typed two ways?
warn-similar-members = member names { $names } differ only by case, spaces or Unicode form: one member typed two ways?
warn-member-missing-products = { $member } scored { $scored } of the { $total } products, not { $missing }
warn-ignored-column-unused = --ignore-column { $column }: no input has this column
strict-nothing-written = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
} with --strict; { $what }
check-read = { $files ->
    [one] 1 file
   *[other] { $files } files
}, { $products ->
    [one] 1 product
   *[other] { $products } products
}, { $members ->
    [one] 1 member
   *[other] { $members } members
}, { $sheets ->
    [one] 1 sheet
   *[other] { $sheets } sheets
}
check-ok = ok: { $read }
check-ok-warnings = ok: { $read }; { $count ->
    [one] 1 warning
   *[other] { $count } warnings
} (--strict makes them errors)
check-strict-failed = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}, errors with --strict (read: { $read })
