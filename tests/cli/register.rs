//! `ocop register` and `ocop diff`: importing rounds, the date rules at every boundary, one
//! transaction per import (bad input, concurrent imports, SIGKILL), and the listings. Every
//! test ends with `PRAGMA integrity_check`.

use std::path::Path;

use crate::common::{Run, Workdir, repo_file};

const EXAMPLE: &str = "examples/quang-ninh-2026.csv";
/// Certified products of the example (3★ and more, not disqualified).
const CERTIFIED: usize = 7;
const PRODUCTS: usize = 13;

/// `PRAGMA integrity_check` of the register says `ok`.
#[track_caller]
fn integrity(db: &Path) {
    let reg = ocop::register::Register::open(db).expect("the register opens");
    assert_eq!(reg.integrity_check().unwrap(), "ok");
}

fn example() -> String {
    repo_file(EXAMPLE).display().to_string()
}

/// Imports the example as a round of decision `decision`, issued on `issued`.
fn import(w: &Workdir, decision: &str, issued: &str, extra: &[&str]) -> Run {
    let ex = example();
    let mut args = vec![
        "register",
        "import",
        &ex,
        "--db",
        "reg.db",
        "--decision",
        decision,
        "--issued",
        issued,
    ];
    args.extend_from_slice(extra);
    w.run(&args)
}

/// `register due --on DATE --format csv`: (standing, product_id) of each row.
fn due(w: &Workdir, on: &str, extra: &[&str]) -> Vec<(String, String)> {
    let mut args = vec![
        "register", "due", "--db", "reg.db", "--on", on, "--format", "csv",
    ];
    args.extend_from_slice(extra);
    let out = w.run(&args).ok().stdout;
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("standing,product_id,"));
    lines
        .map(|l| {
            let mut f = l.split(',');
            (f.next().unwrap().to_string(), f.next().unwrap().to_string())
        })
        .collect()
}

/// The standings on a date, when every certificate stands the same.
#[track_caller]
fn standing_on(w: &Workdir, on: &str) -> Option<String> {
    let rows = due(w, on, &[]);
    if rows.is_empty() {
        return None;
    }
    assert_eq!(rows.len(), CERTIFIED, "on {on}");
    assert!(rows.iter().all(|r| r.0 == rows[0].0), "on {on}: {rows:?}");
    Some(rows[0].0.clone())
}

fn list_csv(w: &Workdir, extra: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec!["register", "list", "--db", "reg.db", "--format", "csv"];
    args.extend_from_slice(extra);
    let out = w.run(&args).ok().stdout;
    let mut r = csv::Reader::from_reader(out.as_bytes());
    r.records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// `register import FILE --db reg.db --decision D --issued 2026-06-30`, one process for each
/// of `decisions`, all started before any is waited for; their outputs, in that order.
fn imports_at_once(w: &Workdir, file: &str, decisions: &[String]) -> Vec<std::process::Output> {
    let children: Vec<_> = decisions
        .iter()
        .map(|decision| {
            w.command(&[
                "register",
                "import",
                file,
                "--db",
                "reg.db",
                "--decision",
                decision,
                "--issued",
                "2026-06-30",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect()
}

#[test]
fn register_import_records_every_product_and_certifies_3_stars_and_up() {
    let w = Workdir::new();
    let r = import(&w, "123/QĐ-UBND", "2026-06-30", &[]).ok();
    assert!(
        r.stdout
            .contains("13 products, 7 certificates issued 2026-06-30, valid until 2029-06-30"),
        "{}",
        r.stdout
    );
    let rows = list_csv(&w, &[]);
    assert_eq!(rows.len(), PRODUCTS);
    // product_id, …, total (5), stars (6), status (7), certified (8), …, expires (last)
    let first = &rows[0];
    assert_eq!(first[0], "QN-2026-001");
    assert_eq!(first[1], "Trà hoa vàng Ba Chẽ");
    assert_eq!(first[3], "HTX Trà hoa vàng Ba Chẽ");
    assert_eq!(first[4], "xã Ba Chẽ");
    // 90 points and above: nominated for 5★ by the province, no provincial certificate.
    assert_eq!(&first[5..9], ["92.40", "5", "nominated", "false"]);
    assert_eq!(first.last().unwrap(), "");
    let certified = rows.iter().find(|r| r[0] == "QN-2026-003").unwrap();
    assert_eq!(&certified[5..9], ["81.20", "4", "certified", "true"]);
    assert_eq!(certified.last().unwrap(), "2029-06-30");
    let disq = rows.iter().find(|r| r[0] == "QN-2026-011").unwrap();
    assert_eq!(&disq[6..9], ["0", "disqualified", "false"]);
    assert_eq!(disq.last().unwrap(), "");
    assert_eq!(rows.iter().filter(|r| r[8] == "true").count(), CERTIFIED);
    integrity(&w.path("reg.db"));
}

#[test]
fn register_due_at_every_boundary_of_the_window_and_extension() {
    // Issued 2026-06-30 → valid until 2029-06-30 (Điều 4.3); window 2029-01-01 (180 days
    // before) to 2029-03-02 (120 days before); extension until 2029-12-27 (180 days after).
    let w = Workdir::new();
    import(&w, "123/QĐ-UBND", "2026-06-30", &[]).ok();
    assert_eq!(standing_on(&w, "2026-06-30"), None);
    assert_eq!(standing_on(&w, "2028-12-31"), None);
    assert_eq!(
        standing_on(&w, "2029-01-01").as_deref(),
        Some("window_open")
    );
    assert_eq!(
        standing_on(&w, "2029-03-02").as_deref(),
        Some("window_open")
    );
    assert_eq!(
        standing_on(&w, "2029-03-03").as_deref(),
        Some("window_closed")
    );
    assert_eq!(
        standing_on(&w, "2029-06-30").as_deref(),
        Some("window_closed")
    );
    assert_eq!(standing_on(&w, "2029-07-01").as_deref(), Some("extension"));
    assert_eq!(standing_on(&w, "2029-12-27").as_deref(), Some("extension"));
    assert_eq!(standing_on(&w, "2029-12-28").as_deref(), Some("expired"));
    assert_eq!(standing_on(&w, "2040-01-01").as_deref(), Some("expired"));
    integrity(&w.path("reg.db"));
}

#[test]
fn register_due_within_days_adds_valid_certificates_expiring_soon() {
    let w = Workdir::new();
    import(&w, "123/QĐ-UBND", "2026-06-30", &[]).ok();
    // 2028-12-31 is 181 days before expiry: not yet in the window.
    assert!(due(&w, "2028-12-31", &["--within", "180"]).is_empty());
    let rows = due(&w, "2028-12-31", &["--within", "181"]);
    assert_eq!(rows.len(), CERTIFIED);
    assert!(rows.iter().all(|r| r.0 == "valid"));
    // --status narrows.
    assert!(due(&w, "2029-01-01", &["--status", "expired,extension"]).is_empty());
    assert_eq!(
        due(&w, "2029-01-01", &["--status", "window_open"]).len(),
        CERTIFIED
    );
    let bad = w
        .run(&["register", "due", "--db", "reg.db", "--status", "late"])
        .fails(2);
    assert!(bad.stderr.contains("--status late"), "{}", bad.stderr);
    integrity(&w.path("reg.db"));
}

#[test]
fn register_due_json_gives_the_dates_of_each_rule() {
    let w = Workdir::new();
    import(&w, "123/QĐ-UBND", "2026-06-30", &[]).ok();
    let out = w
        .run(&[
            "register",
            "due",
            "--db",
            "reg.db",
            "--on",
            "2029-01-01",
            "--format",
            "json",
        ])
        .ok()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["on"], "2029-01-01");
    let c = &v["certificates"][0];
    assert_eq!(c["product_id"], "QN-2026-002");
    assert_eq!(c["standing"], "window_open");
    assert_eq!(c["issued"], "2026-06-30");
    assert_eq!(c["expires"], "2029-06-30");
    assert_eq!(c["window_opens"], "2029-01-01");
    assert_eq!(c["window_closes"], "2029-03-02");
    assert_eq!(c["extension_ends"], "2029-12-27");
    assert_eq!(c["days_to_expiry"], 180);
    assert_eq!(c["total"], 77.6);
    integrity(&w.path("reg.db"));
}

#[test]
fn register_leap_day_certificate_expires_on_28_february() {
    // 2024-02-29 + 36 months: February 2027 has no 29th, the certificate is valid through
    // 2027-02-28; window 2026-09-01 … 2026-10-31; extension until 2027-08-27.
    let w = Workdir::new();
    import(&w, "7/QĐ-UBND", "2024-02-29", &[]).ok();
    let rows = list_csv(&w, &["--status", "certified"]);
    assert!(rows.iter().all(|r| r.last().unwrap() == "2027-02-28"));
    assert_eq!(standing_on(&w, "2026-08-31"), None);
    assert_eq!(
        standing_on(&w, "2026-09-01").as_deref(),
        Some("window_open")
    );
    assert_eq!(
        standing_on(&w, "2026-10-31").as_deref(),
        Some("window_open")
    );
    assert_eq!(
        standing_on(&w, "2026-11-01").as_deref(),
        Some("window_closed")
    );
    assert_eq!(
        standing_on(&w, "2027-02-28").as_deref(),
        Some("window_closed")
    );
    assert_eq!(standing_on(&w, "2027-03-01").as_deref(), Some("extension"));
    assert_eq!(standing_on(&w, "2027-08-27").as_deref(), Some("extension"));
    assert_eq!(standing_on(&w, "2027-08-28").as_deref(), Some("expired"));
    integrity(&w.path("reg.db"));
}

#[test]
fn register_month_end_certificate_keeps_its_month_end() {
    let w = Workdir::new();
    import(&w, "8/QĐ-UBND", "2023-08-31", &[]).ok();
    let rows = list_csv(&w, &["--status", "certified"]);
    assert_eq!(rows.len(), CERTIFIED);
    assert!(rows.iter().all(|r| r.last().unwrap() == "2026-08-31"));
    // 180 days before 2026-08-31.
    assert_eq!(
        standing_on(&w, "2026-03-04").as_deref(),
        Some("window_open")
    );
    assert_eq!(standing_on(&w, "2026-03-03"), None);
    integrity(&w.path("reg.db"));
}

#[test]
fn register_later_round_settles_the_earlier_certificate() {
    let w = Workdir::new();
    import(&w, "123/QĐ-UBND", "2026-06-30", &[]).ok();
    // Re-rated before the window closed: the old certificates are no longer due.
    import(&w, "45/QĐ-UBND", "2029-02-01", &[]).ok();
    assert!(due(&w, "2029-03-03", &[]).is_empty());
    // The new ones are due in their own window.
    assert_eq!(
        standing_on(&w, "2031-08-05").as_deref(),
        Some("window_open"),
        "2032-02-01 − 180 days"
    );
    // list shows the latest result; history shows both.
    let rows = list_csv(&w, &[]);
    assert_eq!(rows.len(), PRODUCTS);
    assert!(rows.iter().all(|r| r[10] == "45/QĐ-UBND"));
    assert_eq!(list_csv(&w, &["--round", "123/QĐ-UBND"]).len(), PRODUCTS);
    let h = w
        .run(&[
            "register",
            "history",
            "QN-2026-001",
            "--db",
            "reg.db",
            "--format",
            "csv",
        ])
        .ok()
        .stdout;
    let lines: Vec<&str> = h.lines().collect();
    assert_eq!(lines.len(), 3, "{h}");
    assert!(lines[1].starts_with("123/QĐ-UBND,123/QĐ-UBND,2026-06-30,QN-2026-001,"));
    assert!(lines[2].starts_with("45/QĐ-UBND,45/QĐ-UBND,2029-02-01,QN-2026-001,"));
    assert!(lines[1].contains("Nguyễn Văn Hùng 93.00"), "{h}");
    integrity(&w.path("reg.db"));
}

#[test]
fn register_same_round_twice_is_refused_unless_replace() {
    let w = Workdir::new();
    import(&w, "123/QĐ-UBND", "2026-06-30", &[]).ok();
    let r = import(&w, "123/QĐ-UBND", "2026-07-01", &[]).fails(1);
    assert!(
        r.stderr
            .contains("round \"123/QĐ-UBND\" is already in the register")
            && r.stderr.contains("--replace"),
        "{}",
        r.stderr
    );
    // Nothing changed: still issued on 2026-06-30.
    assert!(list_csv(&w, &[]).iter().all(|r| r[12] == "2026-06-30"));
    let r = import(&w, "123/QĐ-UBND", "2026-07-01", &["--replace"]).ok();
    assert!(r.stdout.starts_with("Replaced round"), "{}", r.stdout);
    let rows = list_csv(&w, &[]);
    assert_eq!(rows.len(), PRODUCTS);
    assert!(rows.iter().all(|r| r[12] == "2026-07-01"));
    // Another name for the same decision is another round.
    import(&w, "123/QĐ-UBND", "2026-07-01", &["--round", "đợt 2"]).ok();
    integrity(&w.path("reg.db"));
}

#[test]
fn register_bad_input_records_nothing() {
    let w = Workdir::new();
    import(&w, "123/QĐ-UBND", "2026-06-30", &[]).ok();
    let text = std::fs::read_to_string(repo_file(EXAMPLE)).unwrap();
    // One bad score on the last line.
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let last = lines.last_mut().unwrap();
    let fields: Vec<&str> = last.split(',').collect();
    let mut f: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
    f[6] = "9".into();
    *last = f.join(",");
    w.write("bad.csv", lines.join("\n") + "\n");
    let r = w
        .run(&[
            "register",
            "import",
            "bad.csv",
            "--db",
            "reg.db",
            "--decision",
            "9/QĐ-UBND",
            "--issued",
            "2027-01-01",
        ])
        .fails(1);
    assert!(r.stderr.contains("nothing was recorded"), "{}", r.stderr);
    assert!(r.stderr.contains("bad.csv:66"), "{}", r.stderr);
    let out = w
        .run(&["register", "list", "--db", "reg.db", "--round", "9/QĐ-UBND"])
        .fails(2);
    assert!(
        out.stderr.contains("no round \"9/QĐ-UBND\""),
        "{}",
        out.stderr
    );
    // A bad input into a new register does not even create it.
    w.run(&[
        "register",
        "import",
        "bad.csv",
        "--db",
        "new.db",
        "--decision",
        "9/QĐ-UBND",
        "--issued",
        "2027-01-01",
    ])
    .fails(1);
    assert!(!w.exists("new.db"));
    integrity(&w.path("reg.db"));
}

#[test]
fn register_usage_errors() {
    let w = Workdir::new();
    let r = w.run(&["register", "due", "--db", "none.db"]).fails(2);
    assert!(r.stderr.contains("no register at none.db"), "{}", r.stderr);
    assert!(!w.exists("none.db"));
    let ex = example();
    for (issued, msg) in [
        ("2026-02-30", "no such date"),
        ("30/06/2026", "expected a date as YYYY-MM-DD"),
    ] {
        let r = w
            .run(&[
                "register",
                "import",
                &ex,
                "--db",
                "reg.db",
                "--decision",
                "1/QĐ-UBND",
                "--issued",
                issued,
            ])
            .fails(2);
        assert!(r.stderr.contains(msg), "{}", r.stderr);
    }
    let r = w
        .run(&[
            "register",
            "import",
            &ex,
            "--db",
            "reg.db",
            "--issued",
            "2026-01-01",
        ])
        .fails(2);
    assert!(r.stderr.contains("--decision"), "{}", r.stderr);
    assert!(!w.exists("reg.db"));
}

#[test]
fn register_db_from_env_or_current_directory() {
    let w = Workdir::new();
    let ex = example();
    let args = [
        "register",
        "import",
        &ex,
        "--decision",
        "1/QĐ-UBND",
        "--issued",
        "2026-01-01",
    ];
    let out = w
        .command(&args)
        .env_remove("OCOP_DB")
        .output()
        .expect("ocop runs");
    assert!(out.status.success());
    assert!(w.exists("ocop.db"));
    let out = w
        .command(&args)
        .env("OCOP_DB", w.path("env.db"))
        .output()
        .expect("ocop runs");
    assert!(out.status.success());
    assert!(w.exists("env.db"));
    integrity(&w.path("ocop.db"));
    integrity(&w.path("env.db"));
}

#[test]
fn register_list_filters() {
    let w = Workdir::new();
    import(&w, "123/QĐ-UBND", "2026-06-30", &[]).ok();
    assert_eq!(list_csv(&w, &["--stars", "3"]).len(), 5);
    assert_eq!(list_csv(&w, &["--status", "not_certified"]).len(), 3);
    assert_eq!(list_csv(&w, &["--set", "11"]).len(), 1);
    assert_eq!(list_csv(&w, &["--set", "I.5.a"]).len(), 1);
    let ba_che = list_csv(&w, &["--commune", "BA CHẼ"]);
    assert_eq!(ba_che.len(), 1);
    assert_eq!(ba_che[0][0], "QN-2026-001");
    assert!(list_csv(&w, &["--commune", "Ba Chẽ", "--stars", "4"]).is_empty());
    w.run(&["register", "list", "--db", "reg.db", "--status", "gold"])
        .fails(2);
    integrity(&w.path("reg.db"));
}

#[test]
fn register_province_council_records_nominated_products() {
    let w = Workdir::new();
    import(&w, "5/QĐ-UBND", "2026-06-30", &["--council", "province"]).ok();
    let nominated = list_csv(&w, &["--status", "nominated"]);
    assert_eq!(nominated.len(), 2);
    assert_eq!(nominated[0][0], "QN-2026-001");
    assert_eq!(nominated[0][6], "5");
    assert_eq!(nominated[0][8], "false");
    assert_eq!(nominated[1][0], "QN-2026-004");
    assert_eq!(nominated[0][14], "province");
    integrity(&w.path("reg.db"));
}

/// The example with each product id suffixed by `-copy` for each copy: a batch of
/// `copies × 13` products.
fn big_batch(copies: usize) -> String {
    let text = std::fs::read_to_string(repo_file(EXAMPLE)).unwrap();
    let mut lines = text.lines();
    let mut out = String::from(lines.next().unwrap());
    out.push('\n');
    let body: Vec<&str> = lines.collect();
    for k in 0..copies {
        for l in &body {
            let (id, rest) = l.split_once(',').unwrap();
            out.push_str(&format!("{id}-{k},{rest}\n"));
        }
    }
    out
}

#[test]
fn register_concurrent_imports_do_not_corrupt() {
    let w = Workdir::new();
    w.write("big.csv", big_batch(40));
    let decisions: Vec<String> = (0..4).map(|i| format!("{i}/QĐ-UBND")).collect();
    for out in imports_at_once(&w, "big.csv", &decisions) {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for i in 0..4 {
        assert_eq!(
            list_csv(&w, &["--round", &format!("{i}/QĐ-UBND")]).len(),
            40 * PRODUCTS
        );
    }
    integrity(&w.path("reg.db"));
}

#[test]
fn register_concurrent_imports_of_one_round_record_it_once() {
    let w = Workdir::new();
    let ex = example();
    let decisions = vec!["1/QĐ-UBND".to_string(); 3];
    let codes: Vec<i32> = imports_at_once(&w, &ex, &decisions)
        .into_iter()
        .map(|out| out.status.code().unwrap())
        .collect();
    assert_eq!(codes.iter().filter(|&&c| c == 0).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|&&c| c == 1).count(), 2, "{codes:?}");
    assert_eq!(list_csv(&w, &[]).len(), PRODUCTS);
    integrity(&w.path("reg.db"));
}

/// Regression: SQLite answers "database is locked" at once (no busy wait) when a process sets
/// WAL mode while another holds a new register open; one of several imports racing to create a
/// register then exited 3. Many rounds of racing imports, each a distinct round, all land.
#[test]
fn register_imports_racing_to_create_a_register_never_answer_locked() {
    let ex = example();
    for attempt in 0..40 {
        let w = Workdir::new();
        let decisions: Vec<String> = (0..6).map(|i| format!("{i}/QĐ-UBND")).collect();
        for out in imports_at_once(&w, &ex, &decisions) {
            assert!(
                out.status.success(),
                "attempt {attempt}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        for round in &decisions {
            assert_eq!(list_csv(&w, &["--round", round]).len(), PRODUCTS);
        }
    }
}

#[cfg(unix)]
#[test]
fn register_sigkill_during_import_leaves_the_register_as_it_was() {
    use std::time::{Duration, Instant};
    let w = Workdir::new();
    import(&w, "1/QĐ-UBND", "2026-06-30", &[]).ok();
    let mut before = w
        .run(&["register", "list", "--db", "reg.db", "--format", "csv"])
        .ok()
        .stdout;
    let copies = 2000;
    w.write("big.csv", big_batch(copies));
    let wal = w.path("reg.db-wal");
    let mut rolled_back = 0;
    for attempt in 0..4 {
        let decision = format!("{}/QĐ-UBND", attempt + 10);
        let mut child = w
            .command(&[
                "register",
                "import",
                "big.csv",
                "--db",
                "reg.db",
                "--decision",
                &decision,
                "--issued",
                "2029-01-01",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The transaction is writing once pages reach the WAL (the previous run's WAL was
        // checkpointed and removed when its last connection closed). The import keeps its
        // pages in a large cache, so this is usually during the commit itself: megabytes of
        // frames, the one that commits written last.
        let start = Instant::now();
        let mut exited = false;
        loop {
            if child.try_wait().unwrap().is_some() {
                exited = true;
                break;
            }
            if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 256 * 1024) {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "import too slow"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(
            !exited,
            "attempt {attempt}: the import finished before it could be killed"
        );
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        integrity(&w.path("reg.db"));
        let after = w
            .run(&["register", "list", "--db", "reg.db", "--format", "csv"])
            .ok()
            .stdout;
        if after == before {
            rolled_back += 1;
        } else {
            // Killed just after the commit: then the whole round is there, nothing less.
            assert_eq!(
                list_csv(&w, &["--round", &decision]).len(),
                copies * PRODUCTS,
                "attempt {attempt}: a partial round"
            );
            before = after;
        }
        if rolled_back == 2 {
            break;
        }
    }
    assert!(rolled_back >= 1, "no kill landed inside the transaction");
    // The register still takes a round.
    import(&w, "3/QĐ-UBND", "2029-01-01", &[]).ok();
    integrity(&w.path("reg.db"));
}

#[test]
fn diff_register_rounds_and_files() {
    let w = Workdir::new();
    import(&w, "1/QĐ-UBND", "2026-06-30", &[]).ok();
    // The second round: the same sheets, but QN-2026-003's dossier is rejected.
    let text = std::fs::read_to_string(repo_file(EXAMPLE)).unwrap();
    let round2: String = text
        .lines()
        .map(|l| match l.strip_suffix(',') {
            Some(head) if l.starts_with("QN-2026-003,") => {
                format!("{head},Hồ sơ bị loại: thiếu giấy tờ\n")
            }
            _ => format!("{l}\n"),
        })
        .collect();
    w.write("round2.csv", round2);
    w.run(&[
        "register",
        "import",
        "round2.csv",
        "--db",
        "reg.db",
        "--decision",
        "2/QĐ-UBND",
        "--issued",
        "2029-02-01",
    ])
    .ok();
    let out = w
        .run(&[
            "diff",
            "1/QĐ-UBND",
            "2/QĐ-UBND",
            "--db",
            "reg.db",
            "--format",
            "csv",
        ])
        .ok()
        .stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "change,product_id,product_name,set,stars_before,stars_after,total_before,total_after,total_change,status_before,status_after"
    );
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(
        lines[1],
        "down,QN-2026-003,Miến dong Bình Liêu,6,4,0,81.20,81.20,+0.00,certified,disqualified"
    );
    // --all lists the same too.
    let all = w
        .run(&[
            "diff",
            "1/QĐ-UBND",
            "2/QĐ-UBND",
            "--db",
            "reg.db",
            "--format",
            "csv",
            "--all",
        ])
        .ok()
        .stdout;
    assert_eq!(all.lines().count(), 1 + PRODUCTS);

    // A ranked export against an assessment file with a product gone and one new.
    let ranked = w.run(&["score", &example(), "--format", "csv"]).ok().stdout;
    w.write("ranked.csv", &ranked);
    let text = std::fs::read_to_string(repo_file(EXAMPLE)).unwrap();
    let changed: String = text
        .lines()
        .filter(|l| !l.starts_with("QN-2026-013,"))
        .map(|l| l.replace("QN-2026-012,", "QN-2026-099,") + "\n")
        .collect();
    w.write("new.csv", changed);
    let out = w
        .run(&["diff", "ranked.csv", "new.csv", "--format", "json"])
        .ok()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["new_products"], 1);
    assert_eq!(v["gone"], 2);
    assert_eq!(v["same"], 11);
    let p = &v["products"];
    assert_eq!(p[0]["change"], "new");
    assert_eq!(p[0]["product_id"], "QN-2026-099");
    assert_eq!(p[0]["stars_before"], serde_json::Value::Null);
    assert_eq!(p[1]["change"], "gone");
    assert_eq!(p[1]["product_id"], "QN-2026-012");
    assert_eq!(p[2]["product_id"], "QN-2026-013");

    // Neither a file nor a round.
    let r = w
        .run(&["diff", "nope", "2/QĐ-UBND", "--db", "reg.db"])
        .fails(2);
    assert!(
        r.stderr.contains("\"nope\" is neither a file nor a round"),
        "{}",
        r.stderr
    );
    integrity(&w.path("reg.db"));
}

#[test]
fn register_table_output_in_english() {
    let w = Workdir::new();
    import(&w, "123/QĐ-UBND", "2026-06-30", &[]).ok();
    let out = w
        .run(&[
            "register",
            "due",
            "--db",
            "reg.db",
            "--on",
            "2029-01-01",
            "--width",
            "120",
        ])
        .ok()
        .stdout;
    assert!(
        out.starts_with("Certificates needing attention on 2029-01-01: 7\n"),
        "{out}"
    );
    assert!(out.contains("re-rating window open"), "{out}");
    let out = w
        .run(&["register", "due", "--db", "reg.db", "--on", "2027-01-01"])
        .ok()
        .stdout;
    assert!(
        out.contains("No certificate needs attention on this date."),
        "{out}"
    );
    integrity(&w.path("reg.db"));
}
