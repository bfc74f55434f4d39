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
marker-shortfall = { $code } got { $got }, needs { $needed } for { $stars }★
spread-detail = spread { $spread } > { $limit }: highest { $high } { $highpoints }, lowest { $low } { $lowpoints }
next-points = +{ $points } points
next-marker = { $code } needs { $needed } (got { $got })
explain-heading = { $product } — set { $set } ({ $code }) { $setname }
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

## Input problems (ocop check, ocop score): see src/input

loc-line = line { $line }
loc-row = row { $line }
loc-row-sheet = row { $line } of sheet { $sheet }
loc-row-sheet-file = row { $line } of sheet { $sheet } of { $file }
loc-line-file = line { $line } of { $file }
loc-sheet-row = { $file } [{ $sheet }] row { $line }
input-column = column { $column }
input-other-set = product { $id } is under set { $set } here, but under set { $first } on { $at }; one product is scored against one set
input-carried-differs = { $value } differs from { $current } given for product { $id } (its rows start on { $at })
input-duplicate-criterion = { $member } has already given points on { $code } for product { $id }; one row per criterion
input-duplicate-member = { $member } has already scored product { $id } (its rows start on { $at }); each member scores a product once
input-missing-criterion-columns = set { $set } ({ $code }) needs a column for every criterion; missing: { $codes }
input-missing-points = { $member } has no points for product { $id } on { $n ->
    [one] criterion
   *[other] criteria
} of set { $set } ({ $code }): { $codes }
input-control-character = contains a control character ({ $char }): binary data, or a damaged file?
input-invalid-utf8-field = not valid UTF-8 (byte { $byte } of the field; the row starts at byte offset { $offset }): save the file as UTF-8, or give --encoding windows-1258
input-unclosed-quote = a quoted field runs from line { $from } to line { $to } and the record has { $fields } fields, but the header has { $width }: an unclosed quote?
input-ragged-row = has { $fields } fields, but the header has { $width }: a ragged row (a missing or extra delimiter?)
input-disqualified-without-reason = { $value } does not say why the dossier is rejected: write the reason (e.g. "Hồ sơ bị loại: …"), or leave the cell empty (or "không") when it is not
input-empty-product-id = empty: every row needs a product id
input-product-id-too-long = the product id is longer than { $max } bytes
input-empty-member = empty: every row needs the council member who scored it
input-unknown-default-set = --set { $set }: no such set in { $edition }
input-empty-set = empty: every row needs its set (1–26 or a code such as I.3.b), or give --set
input-unknown-set = { $value } is not a set of { $edition }: expected a number 1–{ $sets } or a code such as I.3.b
input-incomplete-set = set { $set } ({ $code }) of { $edition } is incomplete and cannot be scored: { $note }
input-score-not-allowed = { $value } is not a valid score for criterion { $code } (allowed: { $allowed })
input-score-empty = empty: criterion { $code } needs a score
input-score-negative = { $value } is negative
input-score-not-a-number = { $value } is not a number
input-score-too-precise = { $value } has more than two decimals
input-score-too-large = { $value } is too large
input-score-allowed = { $what } (allowed: { $allowed })
input-total-differs = the row's total { $total } differs from the sum of its criteria, { $sum }: a criterion or the total was mistyped
input-total-not-a-number = { $value } is not a number: the row's total (the sum of its criteria is { $sum })
input-empty-criterion = empty: every row of a long file names a criterion
input-parent-criterion-row = { $parent } is the sum of its sub-criteria in set { $set } ({ $code }); give rows for { $subs } instead
input-unknown-criterion = { $value } is not a criterion of set { $set } ({ $code })
input-criterion-not-applicable = criterion { $code } applies only when { $condition } scores above 0 (set { $set }: "Chỉ áp dụng khi có câu chuyện sản phẩm"), and { $condition } is 0 here: give { $code } 0, or score { $condition }
input-parent-criterion-cell = { $parent } is the sum of its sub-criteria in set { $set } ({ $code }); give points for { $subs } and leave this cell empty
input-foreign-criterion = set { $set } ({ $code }) has no criterion { $column }; leave this cell empty in its rows
input-record-too-long = a record is longer than { $mib } MiB (binary data, or an unclosed quote?)
input-cannot-read = cannot read: { $error }
input-cannot-open = cannot open: { $error }
input-malformed = line { $line }, byte offset { $offset }: not valid { $encoding } (use --encoding to name the file's encoding)
input-not-csv-zip = this is a zip archive (an Excel .xlsx/.xlsm or LibreOffice .ods workbook?), not a CSV file
input-not-csv-ole = this is an OLE compound file (an Excel 97–2003 .xls workbook?), not a CSV file
input-not-csv-zip-rename = this is a zip archive (an Excel .xlsx/.xlsm or LibreOffice .ods workbook?), not a CSV file: ocop reads workbooks by their name; rename it .xlsx (or .ods) to read it as one
input-not-csv-zip-stdin = this is a zip archive (an Excel .xlsx/.xlsm or LibreOffice .ods workbook?), not a CSV file: workbooks are not read from standard input; save it as a file named .xlsx (or .ods) and name that file
input-not-csv-ole-rename = this is an OLE compound file (an Excel 97–2003 .xls workbook?), not a CSV file: ocop reads workbooks by their name; rename it .xls to read it as one
input-not-csv-ole-stdin = this is an OLE compound file (an Excel 97–2003 .xls workbook?), not a CSV file: workbooks are not read from standard input; save it as a file named .xls and name that file
input-not-csv-pdf = this is a PDF document, not a CSV file
input-empty-file = the file is empty: expected a header line and rows
input-header-not-utf8 = the header is not valid UTF-8 (field { $field }): is this a CSV file? Give --encoding if it is one in another encoding
input-duplicate-column = duplicate column: columns { $first } and { $second } are both named { $name }
input-unknown-criterion-column = { $name } is not a criterion of any set of { $edition }: criterion columns are named by their code (see `ocop criteria show SET`)
input-missing-columns = missing required { $n ->
    [one] column
   *[other] columns
}: { $missing } (the header has: { $found }{ $more ->
    [0] {""}
   *[other] , … { $more } more
})
input-missing-set-column = { $missing }; without a set column, give --set
input-no-criterion-columns = no criterion columns: a wide file has one column per criterion code (1.1, 1.2, …); a long file has criterion and points columns

## The command line: usage errors, notes on standard error, ocop check

usage-no-edition = --criteria { $arg }: no such edition or file (editions: { $editions })
usage-criteria-not-utf8 = { $arg }:{ $line }:{ $col }: the criteria file is not valid UTF-8
usage-criteria-invalid = invalid criteria file ({ $n ->
    [one] { $n } problem
   *[other] { $n } problems
}):
    { $errors }
usage-criteria-dir = --criteria { $arg }: is a directory; give a criteria TOML file or an edition id
usage-criteria-cannot-open = --criteria { $arg }: cannot open criteria file: { $error }
usage-criteria-cannot-read = --criteria { $arg }: cannot read criteria file: { $error }
usage-criteria-too-large = criteria file { $arg } is larger than { $mib } MiB, the most ocop reads (the official editions are under 1 MiB)
usage-no-set = --set { $set }: no such set in { $edition } (a number 1–{ $sets } or a code such as I.3.b)
hint-stdin = reading the members' sheets from standard input (type or paste CSV, then Ctrl-D; or name a file: ocop score FILE)
note-encoding = { $file }: read as { $encoding } (no byte-order mark, and not UTF-8); give --encoding to choose
note-cr-lines = { $file }: lines end with a lone CR (Excel's "CSV (Macintosh)"); read as line ends
problems-in-input = { $n ->
    [one] { $n } problem
   *[other] { $n } problems
} in the input; { $what }
problems-more = … and { $n } more (--max-errors to see more)
warnings-more = … and { $n } more warnings (--max-errors to see more; --format json lists them all)
outcome-nothing-written = nothing was written
outcome-nothing-recorded = nothing was recorded
outcome-nothing-compared = nothing was compared
check-problems = { $n ->
    [one] { $n } problem
   *[other] { $n } problems
} found
internal-error = internal error (please report it): { $error }

## ocop criteria: the editions, the sets, one set

crit-col-edition = Edition
crit-col-decision = Decision
crit-col-summary = Status
crit-selected = { $id } (selected)
crit-from-file = loaded from a file
crit-col-set = Set
crit-col-code = Code
crit-col-name = Name
crit-col-criteria = Criteria
crit-col-status = Status
crit-status-verified = verified
crit-status-unverified = unverified
crit-status-incomplete = incomplete
crit-show-hint = Show one set with: ocop criteria show <SET>   (number or code, e.g. 6 or I.3.b)
crit-set-heading = Bộ { $set } ({ $code }): { $name }
crit-show-summary = { $decision } ({ $edition }) · { $n } scored criteria · { $parts } = { $max }
crit-unverified = UNVERIFIED: { $note }
crit-incomplete = INCOMPLETE, cannot be scored: { $note }
crit-editor = [editor] { $note }
crit-corrected = [corrected] printed { $from }: { $why }
crit-yes-no = (yes/no: no options printed; 0 or { $max })
crit-applies-if = (applies only if { $code } > 0)
crit-whole = { $marker } (whole)
crit-col-criterion = Criterion / option
crit-col-points = Points
crit-col-min = Min { $star }
crit-min-legend = Min: the decision's *** / **** / ***** — the least a product must reach on that criterion to be given 3, 4 or 5 stars. 0 points are always allowed (no option applies).
usage-no-such-set = no set { $set } in { $edition }: give a number 1–{ $sets } or a code such as I.3.b (see `ocop criteria`)
usage-export-file = export prints an embedded edition; a criteria file is already TOML

## ocop register and ocop diff

listing-yes = yes
listing-no = no
status-word-certified = certified
status-word-nominated = nominated
status-word-returned = returned
status-word-not-certified = not certified
status-word-disqualified = disqualified
reg-recorded = Recorded round { $round }: { $products ->
    [one] { $products } product
   *[other] { $products } products
}, { $certificates ->
    [one] { $certificates } certificate
   *[other] { $certificates } certificates
} issued { $issued }, valid until { $expires }
reg-replaced = Replaced round { $round }: { $products ->
    [one] { $products } product
   *[other] { $products } products
}, { $certificates ->
    [one] { $certificates } certificate
   *[other] { $certificates } certificates
} issued { $issued }, valid until { $expires }
reg-round-exists = round { $round } is already in the register (use --replace to record it again)
reg-no-round = no round { $round } in the register (rounds: { $rounds })
reg-no-register = no register at { $path } (import a round first: ocop register import FILE… --decision NUMBER --issued DATE)
reg-nothing-due = No certificate needs attention on this date.
reg-no-results = No result matches.
reg-no-history = no product { $product } in the register { $path }
reg-due-title = Certificates needing attention on { $on }: { $n }
reg-standing-valid = valid
reg-standing-window-open = re-rating window open
reg-standing-window-closed = window closed, no new result
reg-standing-extension = expired; Điều 12.3 extension
reg-standing-expired = expired
reg-due-footer = Window: Điều 7.6.a (file 180 to 120 days before expiry); extension: Điều 12.3 (at most 180 days after expiry).
reg-list-title = { $n ->
    [one] { $n } result
   *[other] { $n } results
}
reg-history-title = { $id } { $name }: { $n ->
    [one] { $n } round
   *[other] { $n } rounds
}
reg-col-standing = Standing
reg-col-product = Product
reg-col-name = Name
reg-col-commune = Commune
reg-col-expires = Expires
reg-col-days = Days
reg-col-set = Set
reg-col-total = Total
reg-col-status = Status
reg-col-valid-until = Valid until
reg-col-round = Round
reg-col-decision = Decision
reg-col-date = Date
reg-col-members = Members' totals
usage-reg-decision = --decision: give the decision's number, e.g. 123/QĐ-UBND
usage-reg-round-empty = --round: the name is empty
usage-reg-standing = --status { $status }: expected one of valid, window_open, window_closed, extension, expired
usage-reg-status = --status { $status }: expected one of { $statuses }
diff-counts = { $up } up, { $down } down, { $new } new, { $gone } gone, { $same } same stars
diff-not-a-side = { $arg } is neither a file nor a round of the register { $path }
diff-not-a-side-rounds = { $arg } is neither a file nor a round of the register { $path } (rounds: { $rounds })
diff-up = up
diff-down = down
diff-new = new
diff-gone = gone
diff-same = same
diff-col-change = Change
diff-col-stars-before = ★ before
diff-col-stars-after = ★ after
diff-col-before = Before
diff-col-after = After

## ocop template

tpl-problems = { $n ->
    [one] { $n } problem
   *[other] { $n } problems
} in { $file }; nothing was written
tpl-give-set = give a set (number 1–26 or a code such as I.3.b), or --products
tpl-no-products = the products file lists no products
tpl-sets-need-workbook = { $n } sets need a workbook, one sheet per set: give --format xlsx or -o round.xlsx (a CSV template holds one set)
tpl-bom-xlsx = --bom is for CSV; a workbook needs none
tpl-xlsx-terminal = a workbook is not for the terminal: give -o round.xlsx
tpl-no-set = no set { $set } in { $edition }: give a number 1–{ $sets } or a code such as I.3.b
tpl-members-empty = --members { $list }: no names (separate them with `;`)
tpl-members-twice = --members: { $name } is given twice
tpl-cannot-read = cannot read the products file: { $error }
tpl-not-utf8 = the products file is not UTF-8 text (save it as "CSV UTF-8")
tpl-empty = the products file is empty
tpl-missing-id = missing required column product_id (the header has: { $header })
tpl-missing-set = missing column set: without it, give exactly one SET on the command line
tpl-not-products = a products file lists the products of the round (product_id, product_name, set, producer, …), not members or scores
tpl-column-twice = appears twice
tpl-empty-id = empty
tpl-id-twice = { $id } is listed twice (first as product { $first })
tpl-unknown-set = { $value } is not a set of { $edition } (a number 1–{ $sets } or a code such as I.3.b)
tpl-incomplete-set = set { $set } ({ $code }) of { $edition } is incomplete and cannot be scored
tpl-set-not-asked = product { $id } is in set { $set }, not among the sets asked for ({ $asked })
diff-cannot-read = cannot read { $file }
diff-no-column = no column { $column } in the ranked export
diff-not-csv = not valid CSV
diff-missing = missing
diff-bad-stars = { $value } is not 0–5
tpl-cannot-build = cannot build the workbook
input-is-directory = is a directory
usage-output-dir = -o { $path }: is a directory
usage-output-read-only = -o { $path }: the file is read-only; refusing to replace it
usage-output-input = -o { $path }: refusing to write over an input file
output-stdout = standard output
output-cannot-write = cannot write { $path }: { $error }

## Workbooks (src/input/workbook.rs): why one cannot be read, and notes on how it was read

wb-encrypted = the workbook is encrypted (password-protected): open it in Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save it and try again
wb-xls-damaged = cannot read this Excel 97–2003 workbook: it is damaged ({ $error })
wb-file-empty = the file is empty
wb-html = it is not a workbook but HTML or XML text (a web page saved as .xls?): open it in Excel and save it as .xlsx, or as CSV
wb-text = it is not a workbook (not a zip or OLE file) but looks like text: if it is a CSV file, name it .csv (it is named .{ $ext })
wb-not-zip-or-ole = it is not a workbook (neither a zip nor an OLE file): a damaged file?
wb-damaged = cannot read the workbook: it is damaged or not a workbook ({ $error })
wb-sheet-cannot-read = cannot read the sheet: it is damaged ({ $error })
wb-sheet-damaged = cannot read: the sheet is damaged ({ $error })
wb-too-large = the workbook is larger than { $mib } MiB: save its sheets as CSV files and give those
wb-no-worksheet = the workbook has no worksheet
wb-no-worksheet-among = the workbook has no worksheet (its sheets: { $sheets })
wb-no-such-sheet = --sheet { $sheet }: the workbook has no such sheet (its sheets: { $sheets }; or a number 1–{ $n })
wb-not-a-worksheet = --sheet { $arg }: sheet { $sheet } is { $kind }, not a worksheet: it has no cells to read
wb-kind-chart = a chart sheet
wb-kind-dialog = a dialog sheet
wb-kind-macro = a macro sheet
wb-kind-vba = a VBA module
wb-kind-worksheet = a worksheet
wb-no-header = no sheet of the workbook has a header row naming { $id } (its sheets: { $sheets })
wb-sheet-empty = the sheet is empty: expected a header row and rows
wb-sheet-empty-plain = the sheet is empty
wb-cell-error = the cell holds the error { $error }: correct its formula, or type the value
wb-unnamed-column = a value right of the header's last column ({ $last }): give its column a name in row { $row }, or clear the cell
wb-in-sheet = [{ $sheet }]: { $message }
wb-in-cell = [{ $sheet }] { $cell }: { $message }
note-wb-skipped-kind = { $file } [{ $sheet }]: skipped: { $kind }
note-wb-first-sheet = { $file }: read sheet { $sheet } only, the first of { $n } worksheets ({ $sheets }); give --sheet NAME or --all-sheets to read others
note-wb-skipped-no-header = { $file } [{ $sheet }]: skipped: no row naming { $id } in its first { $n } rows
note-wb-header-row = { $file } [{ $sheet }]: header on row { $line }
note-wb-one-member = { $file } [{ $sheet }]: no { $column } column: every row is scored by { $sheet } (the sheet's name)
note-csv-read-whole = { $file }: --sheet and --all-sheets choose a workbook's sheets; a CSV file is read whole

## The output's format (src/cmd/format.rs)

usage-format-conflict = --format { $format } conflicts with -o { $path }, which names a { $named } file; give one, or make them agree
usage-format-unsupported = { $how }: this command prints { $formats }
usage-or = or
usage-format-flag = { $flag } applies to --format { $formats } only; the output is { $chosen }
usage-format-flag-from-o = { $flag } applies to --format { $formats } only; the output is { $chosen } (from -o { $path })
usage-format-flag-default = { $flag } applies to --format { $formats } only; the output is { $chosen } (the default)
usage-xlsx-terminal = --format xlsx: a workbook is not printed on a terminal; give -o FILE.xlsx
note-filtered = { $shown } of { $total } products shown (filtered); ranks and the summary's counts are the whole batch's
diff-total-empty = { $value } is empty
reg-not-a-register = --db { $path }: not an ocop register (not a database ocop wrote); give the register's file (ocop register import creates one under a new name)
